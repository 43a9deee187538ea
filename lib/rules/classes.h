/*
 * classes.h - the classification report: the customers of each class
 * (type by grade: channel, out-of-town and end, each A, B, C and none)
 * and the orders, weight and freight of each class in a period, cancelled
 * orders left out.  A customer of a type outside the three is in no
 * class (cs check reports it).
 */
#ifndef CS_RULES_CLASSES_H
#define CS_RULES_CLASSES_H

#include "rules/rules.h"

#define CS_CLASS_TYPES 3
#define CS_CLASSES (CS_CLASS_TYPES * 4)
extern const char *const cs_class_types[CS_CLASS_TYPES];

struct cs_classes {
	/* class i is type i / 4, grade A, B, C or none by i % 4; the
	 * last, CS_CLASSES, is all of them */
	long customers[CS_CLASSES + 1], orders[CS_CLASSES + 1];
	double weight[CS_CLASSES + 1], freight[CS_CLASSES + 1];
	/* the sums, exact, in millionths (each order's rounded): the same
	 * whatever order the orders are added in (cs_classes_total makes
	 * weight and freight of them) */
	int64_t wsum[CS_CLASSES + 1], fsum[CS_CLASSES + 1];
	struct cs_period p;
	/* a customer's class: C-N by N, class + 1 | its digits << 4 (C-7
	 * and C-007 are two); any other id in the map, id -> class + 1 */
	unsigned char *bynum;
	size_t nnum, held;
	struct cs_map cell;
	struct cs_buf b;
};
/* The type and the grade ("A", "B", "C", "-", or "all" twice) of class i. */
const char *cs_class_type(size_t i);
const char *cs_class_grade(size_t i);

void cs_classes_init(struct cs_classes *c, const struct cs_period *p);
/* A customer as stored: its class, -1 if in none. */
int cs_classes_customer(struct cs_classes *c, const char *id, const char *type,
    const char *grade);
/* An order: counted in its customer's class if it was made in the period
 * and is not cancelled. */
void cs_classes_order(struct cs_classes *c, const char *customer,
    double weight, double freight, int cancelled, cs_time created);
/* The classes' sums into CS_CLASSES. */
void cs_classes_total(struct cs_classes *c);
/* Over customers.csv and the orders of period p, totalled. */
int cs_classes_gather(struct cs_classes *c, struct cs_ds *ds,
    const struct cs_period *p);
void cs_classes_free(struct cs_classes *c);

#endif
