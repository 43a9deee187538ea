# 77-calls.py MASTER PHONES TICKETS CUSTOMERS TARGET: the answer-in-time
# rate per agent, counted here from Asterisk's Master.csv (MASTER, no
# header, the documented column order), the extensions (PHONES,
# policy/phones.csv), the phone records (TICKETS, cs-ticket export) and
# the customers' telephones (CUSTOMERS, customers.csv) with Python's csv
# module and no cs code: a call ANSWERED, whose extension is an agent's,
# matched to the one phone record of that agent opened from a minute
# before the answer to five minutes after the end whose customer, if it
# has a telephone, is the caller (the same digits, or one number the
# other's last 7 or more), and no other call matching that record; in
# time when answer - start <= TARGET seconds.  Prints
# "agent,in_time,calls" lines, sorted.
import csv
import sys
from datetime import datetime, timedelta

SRC, DSTCHANNEL, START, ANSWER, END, DISPOSITION = 1, 6, 9, 10, 11, 14


def local(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S")


def iso(s):
    # 2026-11-23T09:00:30+08:00: the tests run in Asia/Shanghai
    return datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")


def same(a, b):
    a = "".join(c for c in a if c.isdigit())
    b = "".join(c for c in b if c.isdigit())
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 7 and long_.endswith(short))


master, phones, tickets, customers, target = sys.argv[1:6]
target = int(target)
with open(customers, newline="") as f:
    phone = {r["id"]: r["phone"] for r in csv.DictReader(f)}
with open(phones, newline="") as f:
    ext = {r["extension"]: r["agent"] for r in csv.DictReader(f)}
with open(tickets, newline="") as f:
    recs = [r for r in csv.DictReader(f) if r["channel"] == "phone"]
calls = []
with open(master, newline="") as f:
    for row in csv.reader(f):
        if row[DISPOSITION] != "ANSWERED":
            continue
        chan = row[DSTCHANNEL].split("/", 1)[1].rsplit("-", 1)[0]
        if chan not in ext:
            continue
        start, answer, end = local(row[START]), local(row[ANSWER]), \
            local(row[END])
        agent = ext[chan]
        near = [r["id"] for r in recs if r["agent"] == agent and
                answer - timedelta(seconds=60) <= iso(r["opened_at"]) <=
                end + timedelta(seconds=300) and
                (not phone.get(r["customer"]) or not row[SRC] or
                 same(row[SRC], phone[r["customer"]]))]
        if len(near) == 1:
            calls.append((agent, near[0], (answer - start).seconds))
count = {}
for agent, rec, secs in calls:
    if sum(1 for c in calls if c[1] == rec) != 1:
        continue
    n = count.setdefault(agent, [0, 0])
    n[1] += 1
    n[0] += secs <= target
for agent in sorted(count):
    print("%s,%d,%d" % (agent, count[agent][0], count[agent][1]))
