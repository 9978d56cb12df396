// SPDX-License-Identifier: GPL-3.0-or-later
#include "prettyjson.h"

using namespace Qt::Literals::StringLiterals;

namespace {

// A short array of scalars at json[start] as one line ("[1, 2, 3]"), moving start to its "]"; empty otherwise.
QString flatArray(const QString &json, qsizetype &start)
{
    constexpr qsizetype MaxFlatLength = 60;
    if (json.at(start) != u'[')
        return {};
    QString out(1, u'[');
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = start + 1; i < json.size() && out.size() <= MaxFlatLength; ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
        } else if (c == u'{' || c == u'[') {
            return {};
        } else if (c == u']') {
            if (out.size() == 1)
                return {}; // an empty array is written by the caller
            start = i;
            return out + c;
        } else if (c == u',') {
            out += u", "_s;
        } else if (!c.isSpace()) {
            inString = c == u'"';
            out += c;
        }
    }
    return {};
}

} // namespace

QString PrettyJson::indent(const QString &json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newLine = [&out, &depth]() {
        out += u'\n' + QString(2 * depth, u' ');
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c == u'"') {
            inString = true;
            out += c;
        } else if (const QString flat = flatArray(json, i); !flat.isEmpty()) {
            out += flat;
        } else if (c == u'{' || c == u'[') {
            out += c;
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            const QChar close = c == u'{' ? u'}' : u']';
            if (next < json.size() && json.at(next) == close) {
                out += close;
                i = next;
            } else {
                ++depth;
                newLine();
            }
        } else if (c == u'}' || c == u']') {
            --depth;
            newLine();
            out += c;
        } else if (c == u',') {
            out += c;
            newLine();
        } else if (c == u':') {
            out += u": "_s;
        } else if (!c.isSpace()) {
            out += c;
        }
    }
    return out;
}
