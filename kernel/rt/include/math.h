#ifndef TSOS_MATH_H
#define TSOS_MATH_H
double ceil(double x);
double floor(double x);
double trunc(double x);
double round(double x);
double fabs(double x);
double fmod(double x, double y);
double sqrt(double x);
#endif
