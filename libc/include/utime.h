/* <utime.h>: utime [61]. */
#ifndef _UTIME_H
#define _UTIME_H

#include <sys/types.h>
#include <bits/utimbuf.h>

/* A NULL buf means "now". */
int utime(const char* path, const struct utimbuf* buf);

#endif
