/*
 * <libgen.h>: POSIX basename and dirname. Both may modify path (trailing
 * slashes are cut off) and may return a pointer into it or to a static
 * string; a NULL or empty path gives ".".
 *   basename: "/usr/lib/" -> "lib", "/" -> "/", "name" -> "name"
 *   dirname:  "/usr/lib/" -> "/usr", "/usr" -> "/", "name" -> "."
 */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char* basename(char* path);
char* dirname(char* path);

#endif
