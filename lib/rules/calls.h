/*
 * calls.h - telephone calls matched to the records opened during them
 * (calls.c), so that a phone record carries how long its call rang.
 *
 * A call is the exchange's record of it (an Asterisk CDR line, or
 * another system's): when it started, was answered and ended, the
 * caller's number and whose telephone took it.  The agent of an
 * extension is policy/phones.csv's.  A call answered is matched to the
 * phone record that the same agent opened during it: from a minute
 * before the answer (the two clocks apart) to five minutes after the
 * hang-up, and, where both the caller's number and the record's
 * customer's telephone are known, of that customer.  One such record:
 * matched, and the record's answered_in is the seconds from the start to
 * the answer.  None, or two: not matched, and why; a record two calls
 * would match is matched by neither.  A call not answered is no record's.
 */
#ifndef CS_RULES_CALLS_H
#define CS_RULES_CALLS_H

#include "rules/rules.h"

#define CS_CALL_BEFORE 60	/* seconds a record may be opened before the
				 * answer */
#define CS_CALL_AFTER 300	/* ... and after the hang-up */

struct cs_call {
	long line;		/* of the file */
	cs_time start, answer, end;
	int answered;		/* the disposition says ANSWERED */
	char agent[41];		/* whose telephone took it, "" unknown */
	char ext[32];		/* the extension, for messages */
	char caller[32];	/* the caller's number, "" unknown */
	/* what tells one call from another: the exchange's uniqueid, ""
	 * none; else its dst, channel and times (Asterisk's lengths) */
	char uniqueid[152], dst[84], channel[84];
};

struct cs_call_ticket {
	char id[24], agent[41], kind[32];
	char phone[32];		/* its customer's telephone, "" unknown */
	cs_time opened;
};

enum { CS_CALL_MATCHED, CS_CALL_UNANSWERED, CS_CALL_NO_AGENT, CS_CALL_NONE,
	CS_CALL_TWO, CS_CALL_SHARED };

struct cs_call_match {
	int how;		/* CS_CALL_ */
	size_t ticket;		/* MATCHED, TWO, SHARED: the ticket */
	size_t other;		/* TWO: the second ticket; SHARED: the other
				 * call */
};

/* The same telephone number: their digits alike, or one's the end of
 * the other's with 7 digits or more (a prefix 0, +86 or 0086). */
int cs_call_same_number(const char *a, const char *b);
/* The extension of a channel name ("SIP/201-0000001a", "PJSIP/201-000a",
 * "Local/201@from-queue-0001;2": 201), else dst. */
void cs_call_extension(const char *channel, const char *dst, char out[32]);
/* The calls of the n that repeat an earlier one (the rotated and the
 * live Master.csv overlapping, a file given twice): rep[i] the index of
 * the first of them, else (size_t)-1.  Two calls are one when both have
 * a uniqueid and it is the same; else when their caller, dst, channel,
 * start, answer and end are. */
void cs_call_repeats(const struct cs_call *calls, size_t n, size_t *rep);
/* Each of the n calls against the nt phone records: out[i] for calls[i]. */
void cs_call_match(const struct cs_call *calls, size_t n,
    const struct cs_call_ticket *t, size_t nt, struct cs_call_match *out);
/* policy/phones.csv: extension -> agent (strings to free), into m. */
int cs_phones_load(struct cs_map *m, const char *dir);
/* The lines of policy/phones.csv whose agent is not on the roster
 * (staff.csv) or has left it, so that the extension is nobody's: each
 * listed on report (NULL: not), "policy/phones.csv:N: field 'agent':
 * ...", as cs check does, and its extension -> the day its agent left
 * ("" never on the roster; strings to free) put in gone (NULL: not).
 * How many, or -1. */
int cs_phones_roster(const char *dir, FILE *report, struct cs_map *gone);

#endif
