// SPDX-License-Identifier: GPL-3.0-or-later
#include "flatjson.h"

#include "sse/utf8.h"

#include <cctype>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {
    }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    char peek()
    {
        skipSpace();
        return m_p < m_end ? *m_p : '\0';
    }

    // A string after its opening quote: its raw text up to the closing quote, which is consumed.
    bool string(QByteArrayView *text, bool *escaped)
    {
        const char *begin = m_p;
        *escaped = false;
        while (m_p < m_end) {
            const auto c = uchar(*m_p);
            if (c == '"') {
                *text = QByteArrayView(begin, m_p - begin);
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false; // control characters must be escaped
            if (c == '\\') {
                *escaped = true;
                if (++m_p == m_end)
                    return false;
                const char e = *m_p;
                if (e == 'u') {
                    if (m_end - m_p < 5)
                        return false;
                    for (int i = 1; i <= 4; ++i) {
                        if (!std::isxdigit(uchar(m_p[i])))
                            return false;
                    }
                    m_p += 4;
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                           && e != 't') {
                    return false;
                }
            }
            ++m_p;
        }
        return false;
    }

    // An integer as JSON writes one; a fraction, an exponent or more digits than fit are not flat.
    bool integer(qint64 *value)
    {
        const bool negative = m_p < m_end && *m_p == '-';
        if (negative)
            ++m_p;
        const char *digits = m_p;
        quint64 magnitude = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            if (m_p - digits >= 18)
                return false;
            magnitude = magnitude * 10 + quint64(*m_p - '0');
            ++m_p;
        }
        if (m_p == digits || (*digits == '0' && m_p - digits > 1))
            return false;
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
            return false;
        *value = negative ? -qint64(magnitude) : qint64(magnitude);
        return true;
    }

    bool word(QByteArrayView literal)
    {
        if (QByteArrayView(m_p, m_end - m_p).startsWith(literal)) {
            m_p += literal.size();
            return true;
        }
        return false;
    }

private:
    const char *m_p;
    const char *m_end;
};

void appendUtf8(QByteArray &out, char32_t code)
{
    if (code < 0x80) {
        out.append(char(code));
    } else if (code < 0x800) {
        out.append(char(0xC0 | (code >> 6)));
        out.append(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.append(char(0xE0 | (code >> 12)));
        out.append(char(0x80 | ((code >> 6) & 0x3F)));
        out.append(char(0x80 | (code & 0x3F)));
    } else {
        out.append(char(0xF0 | (code >> 18)));
        out.append(char(0x80 | ((code >> 12) & 0x3F)));
        out.append(char(0x80 | ((code >> 6) & 0x3F)));
        out.append(char(0x80 | (code & 0x3F)));
    }
}

char32_t hex4(const char *p)
{
    char32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        value = value * 16 + char32_t(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return value;
}

} // namespace

std::optional<FlatJson> FlatJson::parse(QByteArrayView text)
{
    // The general parser checks the encoding of the whole text; so does this, in one pass.
    if (!Utf8::isValid(text))
        return std::nullopt;
    Scanner in(text);
    FlatJson object;
    if (!in.take('{'))
        return std::nullopt;
    if (!in.take('}')) {
        do {
            Member member;
            bool escapedKey = false;
            if (!in.take('"') || !in.string(&member.key, &escapedKey) || escapedKey || !in.take(':'))
                return std::nullopt;
            switch (in.peek()) {
            case '"':
                member.kind = Kind::String;
                if (!in.take('"') || !in.string(&member.text, &member.escaped))
                    return std::nullopt;
                break;
            case 't':
            case 'f':
                member.kind = Kind::Bool;
                member.integer = in.word("true") ? 1 : 0;
                if (member.integer == 0 && !in.word("false"))
                    return std::nullopt;
                break;
            case 'n':
                if (!in.word("null"))
                    return std::nullopt;
                break;
            default:
                member.kind = Kind::Integer;
                if (!in.integer(&member.integer))
                    return std::nullopt;
                break;
            }
            if (object.find(member.key))
                return std::nullopt;
            object.m_members.append(member);
        } while (in.take(','));
        if (!in.take('}'))
            return std::nullopt;
    }
    if (!in.atEnd())
        return std::nullopt;
    return object;
}

const FlatJson::Member *FlatJson::find(QByteArrayView key) const
{
    for (const Member &member : m_members) {
        if (member.key == key)
            return &member;
    }
    return nullptr;
}

std::optional<QByteArray> FlatJson::string(const Member &member)
{
    if (!member.escaped)
        return member.text.toByteArray();
    QByteArray out;
    out.reserve(member.text.size());
    const char *p = member.text.data();
    const char *end = p + member.text.size();
    while (p < end) {
        const char *slash = p;
        while (slash < end && *slash != '\\')
            ++slash;
        out.append(p, slash - p);
        if (slash == end)
            break;
        const char e = slash[1];
        p = slash + 2;
        switch (e) {
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'u': {
            char32_t code = hex4(p);
            p += 4;
            // A surrogate pair is one code point; a lone one is left to the general parser's judgement.
            if (code >= 0xD800 && code <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                const char32_t low = hex4(p + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            if (code >= 0xD800 && code <= 0xDFFF)
                return std::nullopt;
            appendUtf8(out, code);
            break;
        }
        default:
            out.append(e);
            break; // " \ /
        }
    }
    return out;
}
