/*
 * defaults.c: the policies a new data directory starts with (cs init).
 * The department edits them; each is read by the program that applies it,
 * through the one policy reader (rules/policy.c); cs-policy(5) documents
 * their columns.
 */
#include <stddef.h>

#include "store/store.h"

const struct cs_default_file cs_defaults[] = {
	{ "staff.csv", "id,name,team,role,hired,left,department\n" },
	{ "customers.csv",
	  "id,name,contact,phone,email,company,address,region,type,grade,since,"
	  "needs,frequency,transport,notes,owner,language\n" },
	{ "policy/sla.csv",
	  "kind,channel,first_response,resolution,escalation,clock,live,answer,"
	  "ring\n"
	  "inquiry,phone,0m,4h,,business,yes,3 rings,6s\n"
	  "inquiry,online,2m,4h,,business,,,\n"
	  "inquiry,email,4h,24h,,business,,,\n"
	  "inquiry,visit,0m,4h,,business,yes,,\n"
	  "return,*,4h,72h,,business,,,\n"
	  "exchange,*,4h,72h,,business,,,\n"
	  "repair,*,4h,168h,,calendar,,,\n"
	  "complaint-normal,*,10m,48h,,calendar,,,\n"
	  "complaint-major,*,10m,24h,2h,calendar,,,\n" },
	{ "policy/phones.csv",
	  "extension,agent\n" },
	{ "policy/zone.csv",
	  "zone\n"
	  "Asia/Shanghai\n" },
	{ "policy/hours.csv",
	  "weekday,open,close\n"
	  "mon,09:00,18:00\ntue,09:00,18:00\nwed,09:00,18:00\n"
	  "thu,09:00,18:00\nfri,09:00,18:00\nsat,10:00,16:00\n" },
	{ "policy/holidays.csv",
	  "date,name\n"
	  "2026-01-01,元旦 New Year\n"
	  "2026-10-01,国庆节 National Day\n"
	  "2026-10-02,国庆节 National Day\n"
	  "2026-10-03,国庆节 National Day\n" },
	{ "policy/kpi.csv",
	  "level,measure,target,weight,direction,mandatory,min_records,floor,curve\n"
	  "agent,workload,0.8*median,10,min,no,,0.5*median,linear\n"
	  "agent,satisfaction_rate,0.85,25,min,no,10,0.60,linear\n"
	  "agent,resolution_rate,0.85,15,min,no,20,0.60,linear\n"
	  "agent,timely_rate,0.70,10,min,yes,20,0.50,linear\n"
	  "agent,attitude_rate,0.85,30,min,no,10,0.75,linear\n"
	  "agent,accuracy_rate,0.85,10,min,no,10,0.60,linear\n"
	  "agent,audit_score,80,10,min,no,3,60,linear\n"
	  "agent,complaints,3,10,max,no,0,8,linear\n"
	  "agent,pass_mark,75,,,,,,\n"
	  "agent,excellent_mark,98,,,,,,\n"
	  "agent,consecutive_fails,2,,,,,,\n"
	  "leader,satisfaction_rate,0.75,30,min,no,30,,\n"
	  "leader,resolution_rate,0.85,20,min,no,50,,\n"
	  "leader,timely_rate,0.65,30,min,yes,50,,\n"
	  "leader,complaints_in_time,0.80,20,min,no,5,,\n"
	  "leader,pass_mark,75,,,,,,\n"
	  "leader,excellent_mark,95,,,,,,\n"
	  "leader,consecutive_fails,2,,,,,,\n"
	  "manager,satisfaction_rate,0.75,40,min,no,100,,\n"
	  "manager,timely_rate,0.65,30,min,yes,100,,\n"
	  "manager,complaints_in_time,0.85,30,min,no,20,,\n"
	  "manager,pass_mark,75,,,,,,\n"
	  "manager,excellent_mark,95,,,,,,\n"
	  "manager,consecutive_fails,2,,,,,,\n" },
	{ "policy/rates.csv",
	  "origin,destination,service,first_kg,first_price,per_kg,minimum,"
	  "divisor,transit_days\n"
	  "华东,华东,standard,1,8.00,2.00,8.00,6000,2\n"
	  "华东,华东,express,1,12.00,3.00,12.00,6000,1\n"
	  "华东,华北,standard,1,10.00,4.00,10.00,6000,3\n"
	  "华东,华北,express,1,15.00,6.00,15.00,6000,2\n"
	  "华东,华南,standard,1,10.00,4.50,10.00,6000,3\n"
	  "华东,华南,express,1,16.00,6.50,16.00,6000,2\n" },
	{ "policy/returns.csv",
	  "category,return_days,exchange_days\n"
	  "*,7,15\n"
	  "electronics,7,15\n"
	  "food,0,0\n" },
	{ "policy/repairs.csv",
	  "step,estimate,clock\n"
	  "received,3d,calendar\n"
	  "sent-to-repair,1d,calendar\n"
	  "repaired,5d,calendar\n"
	  "shipped-back,1d,calendar\n"
	  "done,3d,calendar\n" },
	{ "policy/grades.csv",
	  "name,type,value\n"
	  "weight.cooperation,*,20\n"
	  "weight.volume,*,40\n"
	  "weight.satisfaction,*,20\n"
	  "weight.loyalty,*,20\n"
	  "threshold.A,*,80\n"
	  "threshold.B,*,60\n"
	  "relative.A,*,20%\n"
	  "relative.B,*,30%\n"
	  "cooperation.months,*,36\n"
	  "volume.orders,*,120\n"
	  "volume.weight,*,6000\n"
	  "volume.freight,*,30000\n"
	  "volume.orders,channel,240\n"
	  "volume.weight,channel,12000\n"
	  "volume.freight,channel,60000\n"
	  "volume.orders,end,36\n"
	  "volume.weight,end,1800\n"
	  "volume.freight,end,9000\n"
	  "satisfaction.none,*,60\n"
	  "satisfaction.complaint,*,10\n"
	  "loyalty.visits,*,25\n"
	  "visit.A,*,1m\n"
	  "visit.B,*,3m\n"
	  "visit.C,*,6m\n"
	  "alert.recent,*,30\n"
	  "alert.trailing,*,90\n"
	  "alert.drop,*,0.5\n"
	  "alert.drop.min,*,3\n"
	  "alert.complaints,*,3\n"
	  "alert.satisfaction,*,1\n"
	  "alert.satisfaction.min,*,2\n"
	  "alert.idle,*,60\n"
	  "alert.reopens,*,3\n" },
	{ "policy/complaint-natures.csv",
	  "nature,department,description\n"
	  "delay,transport,延误 late delivery\n"
	  "damage,warehouse,破损 goods damaged\n"
	  "loss,transport,丢失 goods lost\n"
	  "attitude,customer-service,服务态度 staff attitude\n"
	  "billing,finance,费用 billing dispute\n"
	  "wrong-delivery,transport,错送 delivered to the wrong place\n"
	  "other,customer-service,其他 other\n" },
	{ "policy/audit.csv",
	  "category,weight,max,standard,critical\n"
	  "attitude,40,10,8,yes\n"
	  "accuracy,40,10,8,yes\n"
	  "timeliness,20,10,7,no\n" },
	{ "policy/roles.csv",
	  "role,action,scope\n"
	  "agent,record,own\n"
	  "agent,roster,none\n"
	  "agent,handle,own\n"
	  "agent,score,none\n"
	  "agent,override,none\n"
	  "agent,unmask,none\n"
	  "agent,verdict,none\n"
	  "leader,record,team\n"
	  "leader,roster,none\n"
	  "leader,handle,team\n"
	  "leader,score,team\n"
	  "leader,override,team\n"
	  "leader,unmask,team\n"
	  "leader,verdict,none\n"
	  "deputy,record,all\n"
	  "deputy,roster,all\n"
	  "deputy,handle,all\n"
	  "deputy,score,all\n"
	  "deputy,override,all\n"
	  "deputy,unmask,all\n"
	  "deputy,verdict,all\n"
	  "manager,record,all\n"
	  "manager,roster,all\n"
	  "manager,handle,all\n"
	  "manager,score,all\n"
	  "manager,override,all\n"
	  "manager,unmask,all\n"
	  "manager,verdict,all\n" },
	{ "policy/departments.csv",
	  "id,name,takes,answer_normal,answer_major\n"
	  "customer-service,客服,complaint,48h,24h\n"
	  "warehouse,仓库,prepare pack damage complaint,48h,24h\n"
	  "transport,运输,dispatch delay loss complaint,48h,24h\n"
	  "finance,财务,complaint,48h,24h\n"
	  "sales,销售,complaint,48h,24h\n" },
	{ "policy/notify.csv",
	  "setting,value\n"
	  "sendmail,/usr/sbin/sendmail -t -i\n"
	  "sms,\n"
	  "wechat,\n"
	  "phone_channel,sms\n"
	  "from,\n"
	  "domain,\n"
	  "language,zh\n"
	  "agent_domain,\n"
	  "attempts,5\n"
	  "retry,10m\n"
	  "retry_max,24h\n"
	  "satisfaction_after,1h\n"
	  "timeout,5m\n" },
	{ "policy/messages/order-confirmed.zh.txt",
	  "Subject: 您的订单 {id} 已确认\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "您的订单 {id}（{goods}）已确认，预计 {promised_at} 前送达。\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/order-confirmed.en.txt",
	  "Subject: Your order {id} is confirmed\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "your order {id} ({goods}) is confirmed; we expect to deliver it by {promised_at}.\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/order-dispatched.zh.txt",
	  "Subject: 您的订单 {id} 已发车\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "您的订单 {id} 已发车，车辆 {vehicle}，司机 {driver}。\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/order-dispatched.en.txt",
	  "Subject: Your order {id} is on its way\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "your order {id} has left with vehicle {vehicle} (driver {driver}).\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/order-delayed.zh.txt",
	  "Subject: 您的订单 {id} 将延误\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "很抱歉，您的订单 {id} 将会延误，新的预计送达时间为 {estimated_at}。\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/order-delayed.en.txt",
	  "Subject: Your order {id} is delayed\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "we are sorry: your order {id} is delayed; it is now expected by {estimated_at}.\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/order-delivered.zh.txt",
	  "Subject: 您的订单 {id} 已送达\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "您的订单 {id} 已于 {delivered_at} 送达。感谢您的信任。\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/order-delivered.en.txt",
	  "Subject: Your order {id} is delivered\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "your order {id} was delivered at {delivered_at}. Thank you.\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/complaint-answered.zh.txt",
	  "Subject: 关于您的投诉 {id} 的答复\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "关于您的投诉 {id}，答复如下：\n"
	  "{answer}\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/complaint-answered.en.txt",
	  "Subject: An answer to your complaint {id}\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "about your complaint {id}:\n"
	  "{answer}\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/complaint-resolved.zh.txt",
	  "Subject: 您的投诉 {id} 已处理\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "您的投诉 {id} 已处理：\n"
	  "{resolution}\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/complaint-resolved.en.txt",
	  "Subject: Your complaint {id} is resolved\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "your complaint {id} is resolved:\n"
	  "{resolution}\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/complaint-satisfaction.zh.txt",
	  "Subject: 您对投诉 {id} 的处理满意吗？\n"
	  "\n"
	  "{customer.name}，您好：\n"
	  "\n"
	  "您对投诉 {id} 的处理结果是否满意？请回复“满意”或“不满意”。\n"
	  "\n"
	  "客户服务部\n" },
	{ "policy/messages/complaint-satisfaction.en.txt",
	  "Subject: Are you satisfied with how we handled {id}?\n"
	  "\n"
	  "Dear {customer.name},\n"
	  "\n"
	  "are you satisfied with how we resolved your complaint {id}? Please reply \"satisfied\" or \"unsatisfied\".\n"
	  "\n"
	  "Customer Service\n" },
	{ "policy/messages/callback-due.zh.txt",
	  "Subject: 回复到期：{id}\n"
	  "\n"
	  "{agent}：\n"
	  "\n"
	  "您承诺在 {promised_at} 前回复 {id}（{subject}），现已到期。\n" },
	{ "policy/messages/callback-due.en.txt",
	  "Subject: Reply due: {id}\n"
	  "\n"
	  "{agent}:\n"
	  "\n"
	  "the reply you promised for {id} ({subject}) by {promised_at} is due now.\n" },
	{ NULL, NULL },
};
