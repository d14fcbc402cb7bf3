// libpq, loaded the first time baton needs PostgreSQL (store.url): a baton on its SQLite file never maps
// it, nor what it brings along (Kerberos, LDAP, GnuTLS: some twenty libraries), which costs resident
// memory and start-up time for nothing. The header still gives libpq's types and constants.
#pragma once

#include <libpq-fe.h>

namespace baton::postgres {

// libpq's functions that baton calls, by their own names.
struct LibPq {
  decltype(&::PQconninfoParse) PQconninfoParse = nullptr;
  decltype(&::PQconninfoFree) PQconninfoFree = nullptr;
  decltype(&::PQfreemem) PQfreemem = nullptr;
  decltype(&::PQconnectdbParams) PQconnectdbParams = nullptr;
  decltype(&::PQstatus) PQstatus = nullptr;
  decltype(&::PQerrorMessage) PQerrorMessage = nullptr;
  decltype(&::PQfinish) PQfinish = nullptr;
  decltype(&::PQreset) PQreset = nullptr;
  decltype(&::PQserverVersion) PQserverVersion = nullptr;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor = nullptr;
  decltype(&::PQexec) PQexec = nullptr;
  decltype(&::PQprepare) PQprepare = nullptr;
  decltype(&::PQexecPrepared) PQexecPrepared = nullptr;
  decltype(&::PQresultStatus) PQresultStatus = nullptr;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage = nullptr;
  decltype(&::PQclear) PQclear = nullptr;
  decltype(&::PQntuples) PQntuples = nullptr;
  decltype(&::PQnfields) PQnfields = nullptr;
  decltype(&::PQcmdTuples) PQcmdTuples = nullptr;
  decltype(&::PQgetisnull) PQgetisnull = nullptr;
  decltype(&::PQgetvalue) PQgetvalue = nullptr;
  decltype(&::PQgetlength) PQgetlength = nullptr;
  decltype(&::PQfname) PQfname = nullptr;
  decltype(&::PQftype) PQftype = nullptr;
};

// Loads libpq.so.5 once. Throws StoreUnavailable saying which package to install when it is missing.
const LibPq& libpq();

}  // namespace baton::postgres
