#ifndef TSOS_TIME_H
#define TSOS_TIME_H
#endif
