/* <string.h>: the usual string and memory functions (C locale). */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <sys/types.h>

void* memcpy(void* dest, const void* src, size_t n);
void* memmove(void* dest, const void* src, size_t n);
void* memset(void* dest, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
void* memchr(const void* s, int c, size_t n);
void* memrchr(const void* s, int c, size_t n);
void* memmem(const void* haystack, size_t haystack_length, const void* needle, size_t needle_length);
void* memccpy(void* dest, const void* src, int c, size_t n);
void* mempcpy(void* dest, const void* src, size_t n);
void explicit_bzero(void* s, size_t n);

size_t strlen(const char* s);
size_t strnlen(const char* s, size_t maxlen);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t n);
int strcoll(const char* a, const char* b);
size_t strxfrm(char* dest, const char* src, size_t n);
char* strcpy(char* dest, const char* src);
char* strncpy(char* dest, const char* src, size_t n);
char* stpcpy(char* dest, const char* src);
char* stpncpy(char* dest, const char* src, size_t n);
size_t strlcpy(char* dest, const char* src, size_t size);
size_t strlcat(char* dest, const char* src, size_t size);
char* strcat(char* dest, const char* src);
char* strncat(char* dest, const char* src, size_t n);
char* strchr(const char* s, int c);
char* strchrnul(const char* s, int c);
char* strrchr(const char* s, int c);
char* strstr(const char* haystack, const char* needle);
char* strcasestr(const char* haystack, const char* needle);
char* strpbrk(const char* s, const char* accept);
size_t strspn(const char* s, const char* accept);
size_t strcspn(const char* s, const char* reject);
char* strtok(char* s, const char* delim);
char* strtok_r(char* s, const char* delim, char** saveptr);
char* strsep(char** stringp, const char* delim);
/* malloc'ed copies: NULL and ENOMEM when malloc fails. */
char* strdup(const char* s);
char* strndup(const char* s, size_t n);
int strcasecmp(const char* a, const char* b);
int strncasecmp(const char* a, const char* b, size_t n);

/* The message of an errno value ("Unknown error" outside the table). */
char* strerror(int errnum);
/* POSIX: copies the message; ERANGE if it does not fit, EINVAL for an unknown value. */
int strerror_r(int errnum, char* buf, size_t size);
/* "Segmentation violation" for SIGSEGV, "Unknown signal" outside 0..NSIG-1. */
char* strsignal(int sig);
/*
 * BSD: the ls -l form of a mode in buf[12]: the type (- d c b l p s, ? for
 * an unknown one), rwx three times (s/S and t/T for the set-id and sticky
 * bits), a space and a NUL: "drwxr-xr-x ".
 */
void strmode(mode_t mode, char* buf);

#endif
