#include "bot/core/http/legal_pages.hpp"

#include <boost/asio/awaitable.hpp>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/text/replace.hpp"

namespace baton {
namespace {

std::string html_escape(std::string_view text) {
  return replace_characters(text,
                            {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

struct PageText {
  Msg title;
  std::vector<Msg> paragraphs;
  Msg ask_contact;  // the last paragraph, with the config's contact
  Msg ask_admins;   // ... or, without one, naming the admins
};

PageText text_of(const std::string& path) {
  if (path == "/terms")
    return {
        Msg::terms_title, {Msg::terms_what, Msg::terms_rules}, Msg::legal_contact, Msg::legal_contact_admins};
  return {Msg::privacy_title,
          {Msg::privacy_what, Msg::privacy_keeps},
          Msg::privacy_contact,
          Msg::privacy_contact_admins};
}

// One language's part of the page.
std::string section(const PageText& text, const LegalFacts& facts, Locale locale) {
  const std::string company =
      facts.company.empty() ? tr_plain(locale, Msg::legal_the_company) : facts.company;
  std::string out = "<section lang=\"" + std::string(to_string(locale)) + "\">\n<h1>" +
                    html_escape(tr_plain(locale, text.title, {{"company", company}})) + "</h1>\n";
  for (const Msg paragraph : text.paragraphs)
    out += "<p>" + html_escape(tr_plain(locale, paragraph, {{"company", company}})) + "</p>\n";
  const std::string ask =
      facts.contact.empty() ? tr_plain(locale, text.ask_admins, {{"admins", join_list(locale, facts.admins)}})
                            : tr_plain(locale, text.ask_contact, {{"contact", facts.contact}});
  return out + "<p>" + html_escape(ask) + "</p>\n</section>\n";
}

}  // namespace

std::string legal_page(const std::string& path, const LegalFacts& facts) {
  const PageText text = text_of(path);
  const std::string company =
      facts.company.empty() ? tr_plain(Locale::en, Msg::legal_the_company) : facts.company;
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_escape(tr_plain(Locale::en, text.title, {{"company", company}})) +
         "</title>\n</head>\n<body>\n" + section(text, facts, Locale::en) + "<hr>\n" +
         section(text, facts, Locale::fr) + "</body>\n</html>\n";
}

void add_legal_pages(Router& router, const LegalFacts& facts) {
  for (const char* path : {"/privacy", "/terms"}) {
    router.add(
        "GET", path,
        [page = legal_page(path, facts)](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
          co_return HttpResponse::text(200, page, "text/html; charset=utf-8");
        });
  }
}

}  // namespace baton
