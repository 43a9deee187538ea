/*
 * complaint.h - the rules of a complaint (rules/complaint.c).
 *
 * A complaint's nature names the department responsible for it
 * (policy/complaint-natures.csv), one of policy/departments.csv that
 * takes complaints (departments.h); its severity names its deadlines in
 * policy/sla.csv (kind complaint-SEVERITY): recorded within the first
 * response time of receipt, the department's answer within the
 * department's answer deadline for the severity (else the resolution
 * time) of forwarding, escalated within the escalation time of
 * receipt.  Its lifecycle is a table of steps (step.h):
 *
 *	add -> forward -> respond -> resolve -> feedback satisfied -> visit
 *	  ^                                        |              -> close
 *	  +------------ feedback unsatisfied ------+
 *
 * and close without a satisfied customer takes an override with a reason.
 */
#ifndef CS_COMPLAINT_H
#define CS_COMPLAINT_H

#include "base/group.h"
#include "rules/step.h"

/* What the rules read of a complaint record. */
struct cs_complaint {
	const char *status, *severity, *feedback;
	const char *channel;	/* its hours run the escalation clock */
	cs_time received, recorded, deadline, answered, closed;
	int escalated;		/* escalated_to is set */
	long reopens;
};
void cs_complaint_of(struct cs_complaint *c, const struct cs_master *m,
    const struct cs_row *r);

/* The department of nature in DIR/policy/complaint-natures.csv, in *dept
 * (the caller frees it); a nature not there is an error (65). */
int cs_complaint_department(const char *dir, const char *nature, char **dept);
/* 1 when a new complaint's field=value operands may give field. */
int cs_complaint_takes(const char *field);
/* The new complaint rec, its operands assigned, made whole: channel,
 * content and nature given, received_at not after now (now when not
 * given), recorded now by the acting user, the handler's team from the
 * roster, a known customer, the nature's department unless given, and
 * open.  -1 with the reason (64 a field missing, 65 a bad one). */
int cs_complaint_new(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *rec);
/* The deadlines of a complaint of severity sev; NULL: none. */
const struct cs_sla_rule *cs_complaint_rule(const struct cs_sla *sla,
    const char *sev);
/* 1 when a complaint received at received and recorded at recorded was
 * recorded later than its rule allows. */
int cs_complaint_late_record(const struct cs_sla *sla, const char *sev,
    cs_time received, cs_time recorded);

/* When the department's answer is due for a complaint of severity sev
 * forwarded at t (a business clock in the hours of "*": the department
 * keeps no channel's); 0: no rule says. */
cs_time cs_complaint_answer_by(const struct cs_sla *sla, const char *sev,
    cs_time t);
/* The customer's feedback word ("satisfied" or "unsatisfied") on old, in
 * new: satisfied, or round again: open, reopened once more, the deadline,
 * answer and resolution times cleared. */
void cs_complaint_feedback(const struct cs_master *m, const struct cs_row *old,
    struct cs_row *new, const char *word);

/* The steps after add: forward escalate respond resolve feedback visit
 * close. */
extern const struct cs_step cs_complaint_steps[];
/* May step st be taken on complaint id of status, with override (the
 * reason of close --override, or NULL)?  0 yes, 1 yes as a close by
 * override, -1 no, with the reason (65; 64 for an override not needed). */
int cs_complaint_may(const struct cs_step *st, const char *id,
    const char *status, const char *override);

/* May the acting user take step verb on complaint r?  Its handler's
 * work (roles.h), but for respond to a complaint forwarded to a
 * department other than customer service: that department's staff
 * respond to their own items, the handler (of customer service) may
 * relay the answer, and one of another department is refused (77,
 * naming the line of policy/departments.csv).  0 or -1. */
int cs_complaint_may_handle(struct cs_ds *ds, const char *verb,
    const struct cs_master *m, const struct cs_row *r);

/* Step st on the complaint old, in new (a copy of old), at ds->now: its
 * fields from the values v of its operands (in the order of
 * st->operands; feedback: v[0] its word), its status, and the event's
 * detail in det.  -1 with the reason (escalated already). */
int cs_complaint_apply(struct cs_ds *ds, const struct cs_sla *sla,
    const struct cs_master *m, const struct cs_row *old, struct cs_row *new,
    const struct cs_step *st, const char *const v[], struct cs_buf *det);

/* Why complaint c is overdue at now, "; " between reasons, in why ("" if
 * it is not); returns the reasons found (CS_LATE_*). */
enum {
	CS_LATE_RECORD = 1,	/* recorded after its time */
	CS_LATE_ANSWER = 2,	/* forwarded, the department's answer late */
	CS_LATE_ESCALATION = 4,	/* not escalated in its time */
};
int cs_complaint_overdue(const struct cs_complaint *c, const struct cs_sla *sla,
    cs_time now, char *why, size_t n);
/* 1 when the overdue list shows c: a late answer or escalation, or a late
 * recording while it waits to be forwarded. */
int cs_complaint_listed_overdue(const struct cs_complaint *c,
    const struct cs_sla *sla, cs_time now, char *why, size_t n);

/* A group of complaints for the report: n complaints, and in k[]: */
enum {
	CS_CK_IN_TIME,		/* recorded in time */
	CS_CK_ANSWERED,		/* answered, with a deadline */
	CS_CK_ON_TIME,		/* of those, by the deadline */
	CS_CK_FEEDBACK,		/* with the customer's feedback */
	CS_CK_SATISFIED,	/* of those, satisfied */
	CS_CK_REOPENED,		/* reopened at least once */
};
/* the kept values: hours from receipt to close, of the closed ones */
void cs_complaint_count(struct cs_group *g, const struct cs_complaint *c,
    const struct cs_sla *sla);

#endif
