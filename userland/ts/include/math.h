/*
 * <math.h> for porffor's generated C in TypeScript user programs: the
 * functions it calls, defined in userland/ts/rt.c (libc has no libm).
 */
#ifndef _MATH_H
#define _MATH_H

double trunc(double x);
double floor(double x);
double ceil(double x);
double round(double x);
double fabs(double x);
double fmod(double x, double y);
double sqrt(double x);

#endif
