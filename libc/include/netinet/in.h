/*
 * <netinet/in.h>: IPv4 addresses and ports. struct sockaddr_in, struct
 * in_addr and the IPPROTO_*, INADDR_* and IP_* values are declared once in
 * kernel/api/ (<bits/socket.h>). Addresses and ports are in network byte
 * order (big-endian) inside the structs.
 */
#ifndef _NETINET_IN_H
#define _NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;

#define INET_ADDRSTRLEN 16

static inline uint16_t htons(uint16_t value) { return (uint16_t)((value << 8) | (value >> 8)); }
static inline uint16_t ntohs(uint16_t value) { return htons(value); }
static inline uint32_t htonl(uint32_t value) { return __builtin_bswap32(value); }
static inline uint32_t ntohl(uint32_t value) { return htonl(value); }

#endif
