// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontext.h"

namespace {

constexpr char Hex[] = "0123456789abcdef";

bool needsEscape(uchar c) noexcept
{
    return c < 0x20 || c == '"' || c == '\\';
}

} // namespace

namespace JsonText {

void appendString(QByteArray &out, QByteArrayView utf8)
{
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    const char *p = utf8.data();
    const char *end = p + utf8.size();
    const char *run = p;
    for (; p < end; ++p) {
        const auto c = uchar(*p);
        if (!needsEscape(c))
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 0xF]};
            out.append(escape, sizeof escape);
            break;
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

} // namespace JsonText
