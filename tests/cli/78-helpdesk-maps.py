# 78-helpdesk-maps.py DESK EXPORT KPI STAFF TICKETS: the checks of
# tests/cli/78-helpdesk-maps.sh.  Per agent, the workload, the rated, the
# satisfied (4 or 5) and the resolved tickets of the help desk's EXPORT,
# counted here from its own columns and values as the help desk documents
# them (Python's csv module, no cs code), must equal what cs-kpi score
# counted (KPI, its CSV) and what cs-ticket list holds (TICKETS), the
# agents' logins turned into their names by cs-staff list (STAFF).
import csv
import sys

# the help desk's column for the agent, the status and the rating; the
# statuses that mean solved; the ratings, and which of them are satisfied
DESKS = {
    "zendesk": ("Assignee", "Status", "Satisfaction Score",
                {"solved", "closed"}, {"good": True, "bad": False}),
    "freshdesk": ("Agent", "Status", "Survey results",
                  {"resolved", "closed"},
                  {"extremely happy": True, "very happy": True,
                   "happy": True, "awesome": True, "neutral": False,
                   "just okay": False, "unhappy": False,
                   "very unhappy": False, "extremely unhappy": False,
                   "not good": False}),
    "osticket": ("Agent Assigned", "Current Status", None,
                 {"resolved", "closed", "archived"}, {}),
    "zammad": ("Owner", "State", None, {"closed"}, {}),
}
MEASURES = ("workload", "rated", "satisfied", "resolved")


def fail(msg):
    sys.exit("78-helpdesk-maps.py %s: %s" % (sys.argv[1], msg))


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected(desk, path):
    agent, status, rating, solved, ratings = DESKS[desk]
    out = {}
    for r in rows(path):
        c = out.setdefault(r[agent].strip(), dict.fromkeys(MEASURES, 0))
        c["workload"] += 1
        c["resolved"] += r[status].strip().lower() in solved
        v = r[rating].strip().lower() if rating else ""
        if v in ratings:
            c["rated"] += 1
            c["satisfied"] += ratings[v]
    return out


def from_kpi(path, names):
    out = {}
    for r in rows(path):
        c = out.setdefault(names[r["person"]], dict.fromkeys(MEASURES, 0))
        if r["measure"] == "workload":
            c["workload"] = int(r["numerator"])
        elif r["measure"] == "satisfaction_rate":
            c["satisfied"] = int(r["numerator"])
            c["rated"] = int(r["denominator"])
        elif r["measure"] == "resolution_rate":
            c["resolved"] = int(r["numerator"])
    return out


def from_list(path, names):
    out = {}
    for r in rows(path):
        c = out.setdefault(names[r["agent"]], dict.fromkeys(MEASURES, 0))
        c["workload"] += 1
        c["resolved"] += r["status"] in ("resolved", "closed")
        if r["satisfaction"]:
            c["rated"] += 1
            c["satisfied"] += r["satisfaction"] in ("4", "5")
    return out


desk, export, kpi, staff, tickets = sys.argv[1:6]
names = {r["id"]: r["name"] for r in rows(staff)}
want = expected(desk, export)
if sum(c["workload"] for c in want.values()) < 5:
    fail("too few rows in %s" % export)
for what, got in (("cs-kpi score", from_kpi(kpi, names)),
                  ("cs-ticket list", from_list(tickets, names))):
    if got != want:
        fail("%s counted %r, the export says %r" % (what, got, want))
for a, c in sorted(want.items()):
    print("%s %s %s" % (desk, a, " ".join("%s=%d" % (m, c[m])
                                          for m in MEASURES)))
