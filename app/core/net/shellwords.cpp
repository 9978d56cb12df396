// SPDX-License-Identifier: GPL-3.0-or-later
#include "shellwords.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

QString position(const QString &text, qsizetype index)
{
    const qsizetype line = text.left(index).count(u'\n') + 1;
    const qsizetype lineStart = text.lastIndexOf(u'\n', index - 1) + 1;
    return ShellWords::tr("line %1, column %2").arg(line).arg(index - lineStart + 1);
}

// Reads up to maxDigits hex or octal digits at i and moves i past them.
std::optional<uint> readNumber(const QString &text, qsizetype &i, int maxDigits, bool hex)
{
    const QStringView digits = QStringView(u"0123456789abcdefABCDEF").left(hex ? 22 : 8);
    qsizetype end = i;
    while (end < text.size() && end - i < maxDigits && digits.contains(text[end]))
        ++end;
    bool ok = false;
    const uint value = text.mid(i, end - i).toUInt(&ok, hex ? 16 : 8);
    i = end;
    return ok ? std::optional<uint>(value) : std::nullopt;
}

void appendCodePoint(QByteArray &out, uint codePoint)
{
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = 0xFFFD;
    const char32_t c = codePoint;
    out += QString::fromUcs4(&c, 1).toUtf8();
}

// $'...' as bash reads it. Returns the index after the closing quote, or -1 when there is none.
qsizetype readAnsiC(const QString &text, qsizetype i, QString *word)
{
    // \x and octal escapes are bytes, so the word is built as UTF-8 and decoded once.
    QByteArray bytes;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'\'') {
            *word += QString::fromUtf8(bytes);
            return i + 1;
        }
        if (c != u'\\' || i + 1 >= text.size()) {
            bytes += QString(c).toUtf8();
            ++i;
            continue;
        }
        const QChar e = text[i + 1];
        i += 2;
        // bash's simple escapes, each letter with the byte it stands for.
        static constexpr QStringView Letters = u"abeEfnrtv\\'\"?";
        static constexpr const char Bytes[] = "\a\b\x1b\x1b\f\n\r\t\v\\'\"?";
        if (const qsizetype simple = Letters.indexOf(e); simple >= 0) {
            bytes += Bytes[simple];
            continue;
        }
        // \xHH and \nnn (octal) are bytes, \uHHHH and \UHHHHHHHH code points.
        const int digits = e == u'x' ? 2 : e == u'u' ? 4 : e == u'U' ? 8 : (e >= u'0' && e <= u'7') ? 3 : 0;
        if (digits == 3)
            --i;
        const auto value = digits > 0 ? readNumber(text, i, digits, digits != 3) : std::nullopt;
        if (!value)
            bytes += QString(u'\\' + e).toUtf8();
        else if (digits <= 3)
            bytes += char(*value & 0xff);
        else
            appendCodePoint(bytes, *value);
    }
    return -1;
}

bool isOperator(const QString &text, qsizetype i)
{
    const QChar c = text[i];
    if (c == u'|' || c == u';' || c == u'<' || c == u'>')
        return true;
    // A lone & ends a command only before a space or the end; inside a word it is part of a URL's query.
    return c == u'&' && (i + 1 >= text.size() || text[i + 1] == u'&' || text[i + 1].isSpace());
}

std::optional<ShellWords::Split> splitPosix(const QString &text, QString *error)
{
    ShellWords::Split result;
    QString word;
    bool inWord = false;
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto finishWord = [&]() {
        if (inWord)
            result.words << word;
        word.clear();
        inWord = false;
    };
    while (i < n) {
        const QChar c = text[i];
        if (c == u'\\') {
            if (i + 1 < n && text[i + 1] == u'\n')
                i += 2; // a continuation
            else if (i + 2 < n && text[i + 1] == u'\r' && text[i + 2] == u'\n')
                i += 3;
            else if (i + 1 < n) {
                word += text[i + 1];
                inWord = true;
                i += 2;
            } else {
                ++i;
            }
        } else if (c == u'\'') {
            const qsizetype end = text.indexOf(u'\'', i + 1);
            if (end < 0) {
                *error = ShellWords::tr("The single quote (') at %1 is never closed.").arg(position(text, i));
                return std::nullopt;
            }
            word += QStringView(text).mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
        } else if (c == u'$' && i + 1 < n && text[i + 1] == u'\'') {
            const qsizetype end = readAnsiC(text, i + 2, &word);
            if (end < 0) {
                *error = ShellWords::tr("The quote $' at %1 is never closed.").arg(position(text, i));
                return std::nullopt;
            }
            inWord = true;
            i = end;
        } else if (c == u'"') {
            qsizetype j = i + 1;
            for (; j < n && text[j] != u'"'; ++j) {
                if (text[j] == u'\\' && j + 1 < n) {
                    const QChar next = text[j + 1];
                    if (next == u'\n') {
                        ++j;
                        continue;
                    }
                    if (next == u'\\' || next == u'"' || next == u'$' || next == u'`') {
                        word += next;
                        ++j;
                        continue;
                    }
                }
                word += text[j];
            }
            if (j >= n) {
                *error = ShellWords::tr("The double quote (\") at %1 is never closed.").arg(position(text, i));
                return std::nullopt;
            }
            inWord = true;
            i = j + 1;
        } else if (c.isSpace()) {
            finishWord();
            ++i;
        } else if (c == u'#' && !inWord) {
            const qsizetype end = text.indexOf(u'\n', i);
            i = end < 0 ? n : end;
        } else if (isOperator(text, i)) {
            finishWord();
            result.stoppedAt = text.mid(i).simplified().left(20);
            break;
        } else {
            word += c;
            inWord = true;
            ++i;
        }
    }
    finishWord();
    return result;
}

// Windows browsers copy commands for cmd.exe: ^ escapes the next character (a line end: continues the line),
// then the program splits its command line with the C runtime's rules, where \" is a quote character.
bool looksLikeCmd(const QString &text)
{
    static const QRegularExpression caretLineEnd(u"\\^\\r?\\n"_s);
    return text.contains(caretLineEnd) || text.trimmed().contains(QRegularExpression(u"^curl(\\.exe)? \\^\""_s));
}

QString cmdUnescape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'"')
            quoted = !quoted;
        if (c != u'^' || quoted || i + 1 >= text.size()) {
            out += c;
            continue;
        }
        ++i;
        if (text[i] == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
            ++i;
        if (text[i] == u'\n') {
            // The line continues and its first character is taken as it is (a second line end: a newline).
            if (i + 1 < text.size())
                out += text[++i];
            continue;
        }
        out += text[i];
    }
    return out;
}

ShellWords::Split splitCmd(const QString &command)
{
    const QString text = cmdUnescape(command);
    ShellWords::Split result;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            qsizetype end = i;
            while (end < text.size() && text[end] == u'\\')
                ++end;
            const qsizetype count = end - i;
            if (end < text.size() && text[end] == u'"') {
                word += QString(count / 2, u'\\');
                if (count % 2 == 1)
                    word += u'"';
                else
                    quoted = !quoted;
                i = end;
            } else {
                word += QString(count, u'\\');
                i = end - 1;
            }
            inWord = true;
        } else if (c == u'"') {
            quoted = !quoted;
            inWord = true;
        } else if (!quoted && c.isSpace()) {
            if (inWord)
                result.words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        result.words << word;
    return result;
}

bool isBareWord(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || QStringView(u"_@%+=:,./-").contains(c);
}

} // namespace

std::optional<ShellWords::Split> ShellWords::split(const QString &command, QString *error)
{
    if (looksLikeCmd(command))
        return splitCmd(command);
    return splitPosix(command, error);
}

QString ShellWords::quote(const QString &word)
{
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), isBareWord))
        return word;
    QString quoted = word;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}
