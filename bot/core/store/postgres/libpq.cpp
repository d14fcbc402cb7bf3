#include "bot/core/store/postgres/libpq.hpp"

#include <string>

#include <dlfcn.h>

#include "bot/core/store/store.hpp"

namespace baton::postgres {

namespace {

template <typename Function>
void bind(void* library, const char* name, Function& function) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) {
    throw StoreUnavailable(std::string("PostgreSQL's client library libpq.so.5 lacks ") + name +
                           ": install a libpq5 of PostgreSQL 15 or later (Debian 12's package)");
  }
  // POSIX guarantees a data pointer from dlsym converts to the function it names.
  function = reinterpret_cast<Function>(symbol);
}

LibPq load() {
  // Never closed: the functions are used for as long as baton runs.
  void* library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    // NOLINTNEXTLINE(concurrency-mt-unsafe): under the static's initialisation lock; nothing else dlopens
    const char* why = dlerror();
    throw StoreUnavailable(std::string("PostgreSQL's client library libpq.so.5 could not be loaded (") +
                           (why != nullptr ? why : "not found") +
                           "): install Debian's libpq5 package, or use the SQLite store (no store.url)");
  }
  LibPq pq;
  bind(library, "PQconninfoParse", pq.PQconninfoParse);
  bind(library, "PQconninfoFree", pq.PQconninfoFree);
  bind(library, "PQfreemem", pq.PQfreemem);
  bind(library, "PQconnectdbParams", pq.PQconnectdbParams);
  bind(library, "PQstatus", pq.PQstatus);
  bind(library, "PQerrorMessage", pq.PQerrorMessage);
  bind(library, "PQfinish", pq.PQfinish);
  bind(library, "PQreset", pq.PQreset);
  bind(library, "PQserverVersion", pq.PQserverVersion);
  bind(library, "PQsetNoticeProcessor", pq.PQsetNoticeProcessor);
  bind(library, "PQexec", pq.PQexec);
  bind(library, "PQprepare", pq.PQprepare);
  bind(library, "PQexecPrepared", pq.PQexecPrepared);
  bind(library, "PQresultStatus", pq.PQresultStatus);
  bind(library, "PQresultErrorMessage", pq.PQresultErrorMessage);
  bind(library, "PQclear", pq.PQclear);
  bind(library, "PQntuples", pq.PQntuples);
  bind(library, "PQnfields", pq.PQnfields);
  bind(library, "PQcmdTuples", pq.PQcmdTuples);
  bind(library, "PQgetisnull", pq.PQgetisnull);
  bind(library, "PQgetvalue", pq.PQgetvalue);
  bind(library, "PQgetlength", pq.PQgetlength);
  bind(library, "PQfname", pq.PQfname);
  bind(library, "PQftype", pq.PQftype);
  return pq;
}

}  // namespace

const LibPq& libpq() {
  // A load that threw is tried again at the next call (a static's initialisation that throws is).
  static const LibPq loaded = load();
  return loaded;
}

}  // namespace baton::postgres
