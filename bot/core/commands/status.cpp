// `status`, for admins: is this baton healthy, what version, since when, on which store and platforms.
#include <date/date.h>

#include "bot/core/commands/builtin.hpp"

namespace baton {
namespace {

boost::asio::awaitable<Reply> run_status(Services& services, const Caller& caller,
                                         const std::vector<std::string>& args) {
  if (auto refusal = refuse_arguments(caller, "status", args)) co_return *refusal;
  const Locale locale = caller.locale;
  StoreStatus store;
  try {
    const auto read_status = [](Store& s) { return s.status(); };
    store = co_await services.store.run(read_status);
  } catch (const std::exception& e) {
    store.detail = e.what();
  }

  std::string platforms;
  for (Platform p : services.runtime.platforms)
    platforms += (platforms.empty() ? "" : ", ") + std::string(to_string(p));

  const date::time_zone* zone = caller.zone;
  const auto started =
      date::make_zoned(zone, std::chrono::floor<std::chrono::minutes>(services.runtime.started_at));

  Reply reply;
  reply.message.header(tr_plain(locale, Msg::status_header));
  reply.message.fields({
      {tr_plain(locale, Msg::label_version), services.runtime.version},
      {tr_plain(locale, Msg::label_up_since), date::format("%Y-%m-%d %H:%M %Z", started)},
      {tr_plain(locale, Msg::label_store),
       store.reachable ? tr(locale, Msg::status_store_ok,
                            {{"kind", store.kind}, {"version", std::to_string(store.schema_version)}})
                       : tr(locale, Msg::status_store_down, {{"detail", store.detail}})},
      {tr_plain(locale, Msg::label_platforms), platforms},
      {tr_plain(locale, Msg::label_team),
       tr(locale, Msg::status_team,
          {{"departments", std::to_string(services.org.departments().size())},
           {"people", std::to_string(services.org.members().size())}})},
  });
  co_return reply;
}

}  // namespace

CommandSpec status_command() {
  return {"status", {"etat"}, Role::admin, {{"status", "status", Msg::cmd_status}}, run_status, {}, {}};
}

}  // namespace baton
