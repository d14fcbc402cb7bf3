// /privacy and /terms: the two short pages a Teams app's manifest must link to, written from the config
// (the company that runs baton, and whom to ask), in English and French on one page.
#pragma once

#include <string>
#include <vector>

#include "bot/core/http/http.hpp"

namespace baton {

struct LegalFacts {
  std::string company;              // config's company; may be empty
  std::string contact;              // config's contact (an address or a page); may be empty
  std::vector<std::string> admins;  // the admins' names, whom to ask when there is no contact
};

// The page at `path` ("/privacy" or "/terms") as HTML.
std::string legal_page(const std::string& path, const LegalFacts& facts);

void add_legal_pages(Router& router, const LegalFacts& facts);

}  // namespace baton
