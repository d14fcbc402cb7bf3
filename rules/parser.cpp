// A hand-written recursive-descent parser over a small lexer: errors name what was expected where it
// was expected, which generated parsers do badly, and the grammar is small enough to read in one go.
#include "rules/parser.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace baton::rules {
namespace {

struct Token {
  enum class Kind { number, window, name, symbol, end };
  Kind kind = Kind::end;
  std::size_t offset = 0;  // in bytes
  std::string text;        // as written
  double value = 0;        // a number's value, a window's days
  bool percent = false;    // "95%"
};

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Thrown inside the parser only, and turned into a ParseError at its door.
struct Failure {
  std::size_t offset;
  std::string message;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0)
      ++pos_;
    Token t;
    t.offset = pos_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
        (c == '.' && pos_ + 1 < text_.size() &&
         std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) != 0))
      return number(t);
    if (is_name_start(c)) return name(t);
    return symbol(t);
  }

 private:
  Token number(Token t) {
    std::size_t end = pos_;
    while (end < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[end])) != 0 || text_[end] == '.'))
      ++end;
    const std::string_view digits = text_.substr(pos_, end - pos_);
    double value = 0;
    const auto [stop, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || stop != digits.data() + digits.size())
      throw Failure{pos_, "\"" + std::string(digits) + "\" is not a number"};
    t.kind = Token::Kind::number;
    t.value = value;
    pos_ = end;
    // What is written right after the digits: a percent sign, or d/w for a window.
    if (pos_ < text_.size() && text_[pos_] == '%') {
      t.percent = true;
      ++pos_;
    } else if (pos_ < text_.size() && is_name_start(text_[pos_])) {
      std::size_t unit_end = pos_;
      while (unit_end < text_.size() && is_name_char(text_[unit_end]))
        ++unit_end;
      const std::string_view unit = text_.substr(pos_, unit_end - pos_);
      if (unit != "d" && unit != "w") {
        throw Failure{pos_, "\"" + std::string(unit) +
                                "\" after a number: a window is written in days or weeks (\"7d\", \"2w\"), a "
                                "currency after a space (\"1200 EUR\")"};
      }
      if (digits.find('.') != std::string_view::npos || value < 1)
        throw Failure{t.offset, "a window is a whole number of days or weeks, at least 1 (\"7d\", \"2w\")"};
      t.kind = Token::Kind::window;
      t.value = unit == "w" ? value * 7 : value;
      pos_ = unit_end;
    }
    t.text = std::string(text_.substr(t.offset, pos_ - t.offset));
    return t;
  }

  // KPI keys may hold "-" between letters and digits ("conversion-rate").
  Token name(Token t) {
    std::size_t end = pos_;
    while (end < text_.size() && (is_name_char(text_[end]) || (text_[end] == '-' && end + 1 < text_.size() &&
                                                               is_name_char(text_[end + 1]))))
      ++end;
    t.kind = Token::Kind::name;
    t.text = std::string(text_.substr(pos_, end - pos_));
    pos_ = end;
    return t;
  }

  Token symbol(Token t) {
    static constexpr std::string_view kTwo[] = {"<=", ">=", "==", "!="};
    for (const std::string_view two : kTwo) {
      if (text_.substr(pos_, 2) == two) {
        t.kind = Token::Kind::symbol;
        t.text = std::string(two);
        pos_ += 2;
        return t;
      }
    }
    const char c = text_[pos_];
    if (std::string_view("+-*/<>(),").find(c) == std::string_view::npos) {
      if (c == '=') throw Failure{pos_, "\"=\" alone: write \"==\" to compare"};
      if (c == '&' || c == '|' || c == '!') throw Failure{pos_, "write \"and\", \"or\" and \"not\""};
      const auto byte = static_cast<unsigned char>(c);
      throw Failure{pos_, byte < 0x80 && std::isprint(byte) != 0
                              ? "unexpected \"" + std::string(1, c) + "\""
                              : std::string("unexpected character (only ASCII is read in expressions)")};
    }
    t.kind = Token::Kind::symbol;
    t.text = std::string(1, c);
    ++pos_;
    return t;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string describe(const Token& t) {
  switch (t.kind) {
    case Token::Kind::end:
      return "the end";
    case Token::Kind::number:
      return "the number " + t.text;
    case Token::Kind::window:
      return "the window " + t.text;
    case Token::Kind::name:
    case Token::Kind::symbol:
      return "\"" + t.text + "\"";
  }
  return t.text;
}

bool is_currency_code(std::string_view text) {
  if (text.size() != 3) return false;
  for (const char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) { advance(); }

  Expr parse() {
    Expr e = expression();
    if (current_.kind != Token::Kind::end)
      fail("an operator (+ - * / < <= > >= == != and or) or the end", current_);
    return e;
  }

 private:
  void advance() { current_ = lexer_.next(); }
  bool at(std::string_view symbol) const {
    return (current_.kind == Token::Kind::symbol || current_.kind == Token::Kind::name) &&
           current_.text == symbol;
  }
  [[noreturn]] static void fail(const std::string& expected, const Token& found) {
    throw Failure{found.offset, "expected " + expected + ", found " + describe(found)};
  }

  // Depth is counted where the grammar recurses, so "((((...))))" and "- - - - x" both stop in time.
  struct Deeper {
    explicit Deeper(Parser& p, const Token& at) : parser(p) {
      if (++parser.depth_ > kMaxDepth) throw Failure{at.offset, "the expression is nested too deeply"};
    }
    ~Deeper() { --parser.depth_; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
    Parser& parser;
  };

  static Expr binary(Op op, Expr left, Expr right) {
    Expr e;
    e.kind = Expr::Kind::binary;
    e.column = left.column;
    e.op = op;
    e.args.push_back(std::move(left));
    e.args.push_back(std::move(right));
    return e;
  }

  Expr expression() {
    const Deeper deeper(*this, current_);
    Expr left = conjunction();
    while (at("or")) {
      advance();
      left = binary(Op::either, std::move(left), conjunction());
    }
    return left;
  }

  Expr conjunction() {
    Expr left = negation();
    while (at("and")) {
      advance();
      left = binary(Op::both, std::move(left), negation());
    }
    return left;
  }

  Expr negation() {
    if (!at("not")) return comparison();
    const Deeper deeper(*this, current_);
    Expr e;
    e.kind = Expr::Kind::unary;
    e.column = current_.offset;
    e.op = Op::negate;
    advance();
    e.args.push_back(negation());
    return e;
  }

  Expr comparison() {
    Expr left = sum();
    static constexpr std::pair<std::string_view, Op> kComparisons[] = {
        {"<", Op::less},           {"<=", Op::less_equal}, {">", Op::greater},
        {">=", Op::greater_equal}, {"==", Op::equal},      {"!=", Op::not_equal}};
    for (const auto& [symbol, op] : kComparisons) {
      if (current_.kind == Token::Kind::symbol && current_.text == symbol) {
        advance();
        Expr right = sum();
        for (const auto& [again, unused] : kComparisons) {
          if (current_.kind == Token::Kind::symbol && current_.text == again) {
            throw Failure{current_.offset,
                          "comparisons do not chain: write \"a < b and b < c\" rather than \"a < b < c\""};
          }
        }
        return binary(op, std::move(left), std::move(right));
      }
    }
    return left;
  }

  Expr sum() {
    Expr left = product();
    while (at("+") || at("-")) {
      const Op op = current_.text == "+" ? Op::add : Op::subtract;
      advance();
      left = binary(op, std::move(left), product());
    }
    return left;
  }

  Expr product() {
    Expr left = sign();
    while (at("*") || at("/")) {
      const Op op = current_.text == "*" ? Op::multiply : Op::divide;
      advance();
      left = binary(op, std::move(left), sign());
    }
    return left;
  }

  Expr sign() {
    if (!at("-")) return primary();
    const Deeper deeper(*this, current_);
    Expr e;
    e.kind = Expr::Kind::unary;
    e.column = current_.offset;
    e.op = Op::minus;
    advance();
    e.args.push_back(sign());
    return e;
  }

  Expr primary() {
    const Token t = current_;
    Expr e;
    e.column = t.offset;
    switch (t.kind) {
      case Token::Kind::number:
        advance();
        e.kind = Expr::Kind::number;
        e.value = t.value;
        if (t.percent) {
          e.unit = Unit::percent();
        } else if (current_.kind == Token::Kind::name && is_currency_code(current_.text)) {
          e.unit = Unit::money(current_.text);
          advance();
        }
        return e;
      case Token::Kind::window:
        advance();
        e.kind = Expr::Kind::window;
        e.value = t.value;
        return e;
      case Token::Kind::name:
        if (t.text == "and" || t.text == "or" || t.text == "not")
          fail("a number, a KPI, a function or \"(\"", t);
        advance();
        e.name = t.text;
        if (!at("(")) {
          e.kind = Expr::Kind::kpi;
          return e;
        }
        e.kind = Expr::Kind::call;
        e.function = function_named(e.name);
        advance();
        if (!at(")")) {
          for (;;) {
            e.args.push_back(expression());
            if (at(")")) break;
            if (!at(",")) fail("\",\" or \")\" in the arguments of " + t.text, current_);
            advance();
          }
        }
        advance();
        return e;
      case Token::Kind::symbol:
        if (t.text == "(") {
          advance();
          Expr inner = expression();
          if (!at(")")) fail("\")\" to close the \"(\" at column " + std::to_string(t.offset + 1), current_);
          advance();
          return inner;
        }
        break;
      case Token::Kind::end:
        break;
    }
    fail("a number, a KPI, a function or \"(\"", t);
  }

  Lexer lexer_;
  Token current_;
  int depth_ = 0;
};

// Columns count characters, not bytes, so the caret lands under the right one.
std::size_t column_of(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// The parser keeps byte offsets in columns while it works; they become characters at the end.
void to_columns(Expr& e, std::string_view text) {
  e.column = column_of(text, e.column);
  for (Expr& arg : e.args)
    to_columns(arg, text);
}

}  // namespace

bool is_comparison(Op op) {
  return op == Op::less || op == Op::less_equal || op == Op::greater || op == Op::greater_equal ||
         op == Op::equal || op == Op::not_equal;
}

std::string_view to_string(Op op) {
  switch (op) {
    case Op::add:
      return "+";
    case Op::subtract:
    case Op::minus:
      return "-";
    case Op::multiply:
      return "*";
    case Op::divide:
      return "/";
    case Op::less:
      return "<";
    case Op::less_equal:
      return "<=";
    case Op::greater:
      return ">";
    case Op::greater_equal:
      return ">=";
    case Op::equal:
      return "==";
    case Op::not_equal:
      return "!=";
    case Op::both:
      return "and";
    case Op::either:
      return "or";
    case Op::negate:
      return "not";
  }
  return "?";
}

std::variant<Expr, ParseError> parse_expression(std::string_view text) {
  if (text.size() > kMaxExpressionLength) {
    return ParseError{1, "the expression is " + std::to_string(text.size()) + " characters long; at most " +
                             std::to_string(kMaxExpressionLength) + " are read"};
  }
  try {
    Parser parser(text);
    Expr e = parser.parse();
    to_columns(e, text);
    return e;
  } catch (const Failure& failure) {
    return ParseError{column_of(text, failure.offset), failure.message};
  }
}

std::string point_at(std::string_view text, std::size_t column, std::string_view message) {
  std::string out(text);
  out += "\n";
  out += std::string(column > 0 ? column - 1 : 0, ' ');
  out += "^ ";
  out += message;
  return out;
}

Function function_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Function>, 9> kNames{{
      {"last", Function::last},
      {"avg", Function::avg},
      {"sum", Function::sum},
      {"min", Function::min},
      {"max", Function::max},
      {"change", Function::change},
      {"target", Function::target},
      {"attainment", Function::attainment},
      {"count_over", Function::count_over},
  }};
  for (const auto& [n, f] : kNames) {
    if (n == name) return f;
  }
  return Function::unknown;
}

}  // namespace baton::rules
