/*
 * cs.h - all of lib/, for the programs in cmd/ and for the tests.
 *
 * lib/ is five layers, each in its folder with a header that says what it
 * promises; a layer uses only the layers below it (tests/layers checks it
 * in make check):
 *
 *	base/	text and data primitives
 *	store/	the data directory: lock, commit protocol, stores, journal
 *	rules/	the department's rules, each from its policy file
 *	format/	formats in and out
 *	cli/	what every program shares: options, operands, verbs
 *
 * doc/HACKING.md tells where new code goes.  Code in lib/ includes its own
 * layer's header, never this one.
 */
#ifndef CS_H
#define CS_H

#include "cli/cli.h"
#include "base/group.h"
#include "base/rowsort.h"
#include "base/sheetval.h"
#include "cli/assign.h"
#include "cli/filter.h"
#include "cli/importopt.h"
#include "cli/notify.h"
#include "cli/sibling.h"
#include "format/events.h"
#include "format/html.h"
#include "format/import.h"
#include "format/report.h"
#include "format/xlsx.h"
#include "rules/aftersales.h"
#include "rules/audit.h"
#include "rules/calls.h"
#include "rules/classes.h"
#include "rules/complaint.h"
#include "rules/departments.h"
#include "rules/grade.h"
#include "rules/kpi.h"
#include "rules/notify.h"
#include "rules/order.h"
#include "rules/policy.h"
#include "rules/records.h"
#include "rules/returns.h"
#include "rules/roles.h"
#include "rules/ticket.h"
#include "rules/visits.h"
#include "store/values.h"
#include "store/verify.h"

#endif
