// SPDX-License-Identifier: GPL-3.0-or-later
#include "curlcommand.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype OneLineLimit = 100; // a longer command gets one option per line

// What an option does; Harmless and Ignored ones are listed below the table.
enum class Opt {
    Request,
    Header,
    Data,
    DataRaw,
    DataUrlEncode,
    Json,
    Url,
    User,
    UserAgent,
    Cookie,
    Referer,
    CaCert,
    Proxy,
    Socks5,
    NoProxy,
    Insecure,
    Get,
    Head,
    Form,
    UploadFile,
    Bearer,
    Harmless,
    Ignored
};

struct OptionSpec
{
    char16_t shortName; // 0 when there is none
    QLatin1StringView longName;
    Opt opt;
    bool takesValue;
};

constexpr auto Options = std::to_array<OptionSpec>({
    {u'X', "request"_L1, Opt::Request, true},
    {u'H', "header"_L1, Opt::Header, true},
    {u'd', "data"_L1, Opt::Data, true},
    {0, "data-ascii"_L1, Opt::Data, true},
    {0, "data-binary"_L1, Opt::Data, true},
    {0, "data-raw"_L1, Opt::DataRaw, true},
    {0, "data-urlencode"_L1, Opt::DataUrlEncode, true},
    {0, "json"_L1, Opt::Json, true},
    {0, "url"_L1, Opt::Url, true},
    {u'u', "user"_L1, Opt::User, true},
    {u'A', "user-agent"_L1, Opt::UserAgent, true},
    {u'b', "cookie"_L1, Opt::Cookie, true},
    {u'e', "referer"_L1, Opt::Referer, true},
    {0, "cacert"_L1, Opt::CaCert, true},
    {u'x', "proxy"_L1, Opt::Proxy, true},
    {0, "socks5"_L1, Opt::Socks5, true},
    {0, "socks5-hostname"_L1, Opt::Socks5, true},
    {0, "noproxy"_L1, Opt::NoProxy, true},
    {u'k', "insecure"_L1, Opt::Insecure, false},
    {u'G', "get"_L1, Opt::Get, false},
    {u'I', "head"_L1, Opt::Head, false},
    {u'F', "form"_L1, Opt::Form, true},
    {0, "form-string"_L1, Opt::Form, true},
    {u'T', "upload-file"_L1, Opt::UploadFile, true},
    {0, "oauth2-bearer"_L1, Opt::Bearer, true},
});

// Options that change only what curl prints or how it connects, which a stream monitor does anyway.
constexpr QLatin1StringView HarmlessShort = "NsSvLifgq46#"_L1;
constexpr QLatin1StringView HarmlessLong
    = " no-buffer silent show-error verbose location include fail progress-bar globoff disable ipv4 ipv6 compressed"
      " fail-with-body no-progress-meter location-trusted http1.0 http1.1 http2 http2-prior-knowledge http3"
      " tr-encoding raw path-as-is tcp-nodelay no-keepalive ssl-no-revoke basic tlsv1 tlsv1.0 tlsv1.1 tlsv1.2"
      " tlsv1.3 "_L1;
// Options that change curl's behaviour in a way a stream tab does not repeat: reported, then ignored.
constexpr QLatin1StringView IgnoredShortWithValue = "moywcDKEUrCz"_L1;
constexpr QLatin1StringView IgnoredLongWithValue
    = " max-time connect-timeout output output-dir retry retry-delay retry-max-time write-out max-redirs cookie-jar"
      " dump-header limit-rate resolve connect-to interface speed-time speed-limit trace trace-ascii stderr config"
      " cert key cert-type key-type pass capath ciphers tls-max pinnedpubkey crlfile proxy-user proxy-header"
      " proxy-cacert keepalive-time expect100-timeout local-port dns-servers doh-url unix-socket"
      " abstract-unix-socket aws-sigv4 request-target range continue-at time-cond max-filesize rate variable"
      " happy-eyeballs-timeout-ms alt-svc hsts etag-save etag-compare netrc-file "_L1;
constexpr QLatin1StringView IgnoredShortFlags = "OJnjRZ"_L1;
constexpr QLatin1StringView IgnoredLongFlags
    = " remote-name remote-header-name retry-all-errors retry-connrefused proxy-insecure netrc netrc-optional digest"
      " ntlm negotiate anyauth junk-session-cookies remote-time parallel create-dirs "_L1;

bool listed(QLatin1StringView list, QStringView name)
{
    return !name.isEmpty() && !name.contains(u' ') && QString(list).contains(u' ' + name.toString() + u' ');
}

std::optional<OptionSpec> findShort(QChar letter)
{
    const auto found = std::find_if(Options.begin(), Options.end(),
                                    [letter](const OptionSpec &spec) { return spec.shortName == letter.unicode(); });
    if (found != Options.end())
        return *found;
    if (HarmlessShort.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Harmless, false};
    if (IgnoredShortWithValue.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Ignored, true};
    if (IgnoredShortFlags.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Ignored, false};
    return std::nullopt;
}

std::optional<OptionSpec> findLong(QStringView name)
{
    const auto found = std::find_if(Options.begin(), Options.end(),
                                    [name](const OptionSpec &spec) { return spec.longName == name; });
    if (found != Options.end())
        return *found;
    if (listed(HarmlessLong, name))
        return OptionSpec{0, {}, Opt::Harmless, false};
    if (listed(IgnoredLongWithValue, name))
        return OptionSpec{0, {}, Opt::Ignored, true};
    if (listed(IgnoredLongFlags, name))
        return OptionSpec{0, {}, Opt::Ignored, false};
    return std::nullopt;
}

QString position(const QString &text, qsizetype index)
{
    const qsizetype line = text.left(index).count(u'\n') + 1;
    const qsizetype lineStart = text.lastIndexOf(u'\n', index - 1) + 1;
    return CurlCommand::tr("line %1, column %2").arg(line).arg(index - lineStart + 1);
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

struct Split
{
    QStringList words;
    QString stoppedAt; // a shell operator that ended the command, such as "|"
};

bool isOperator(const QString &text, qsizetype i)
{
    const QChar c = text[i];
    if (c == u'|' || c == u';' || c == u'<' || c == u'>')
        return true;
    // A lone & ends a command only before a space or the end; inside a word it is part of a URL's query.
    return c == u'&' && (i + 1 >= text.size() || text[i + 1] == u'&' || text[i + 1].isSpace());
}

std::optional<Split> splitPosix(const QString &text, QString *error)
{
    Split result;
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
                *error = CurlCommand::tr("The single quote (') at %1 is never closed.").arg(position(text, i));
                return std::nullopt;
            }
            word += QStringView(text).mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
        } else if (c == u'$' && i + 1 < n && text[i + 1] == u'\'') {
            const qsizetype end = readAnsiC(text, i + 2, &word);
            if (end < 0) {
                *error = CurlCommand::tr("The quote $' at %1 is never closed.").arg(position(text, i));
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
                *error = CurlCommand::tr("The double quote (\") at %1 is never closed.").arg(position(text, i));
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

Split splitCmd(const QString &command)
{
    const QString text = cmdUnescape(command);
    Split result;
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

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(),
                       [name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

bool isBareWord(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || QStringView(u"_@%+=:,./-").contains(c);
}

} // namespace

std::optional<QStringList> CurlCommand::splitWords(const QString &command, QString *error)
{
    if (looksLikeCmd(command))
        return splitCmd(command).words;
    const auto split = splitPosix(command, error);
    if (!split)
        return std::nullopt;
    return split->words;
}

QString CurlCommand::quote(const QString &word)
{
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), isBareWord))
        return word;
    QString quoted = word;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

namespace {

using Header = QPair<QByteArray, QByteArray>;

// One command as its options are read.
class CommandReader
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)

public:
    bool read(const QStringList &words, QString *error);
    std::optional<StreamRequest> finish(QString *error);
    QStringList warnings;

private:
    bool apply(const OptionSpec &spec, const QString &name, const QString &value, QString *error);
    void addBody(const QByteArray &piece, bool json);
    void setImplicit(const QByteArray &name, const QByteArray &value);

    StreamRequest m_request;
    QByteArray m_method;
    QStringList m_urls;
    bool m_hasData = false;
    bool m_lastPieceJson = false;
    bool m_json = false;
    bool m_get = false;
    bool m_head = false;
    bool m_noProxy = false;
    QList<Header> m_implicit; // from -u, -A, -e, -b, -d and --json: a -H of the same name wins, as in curl
    QList<QByteArray> m_removed; // -H "Name:" removes a header curl would add
    QList<QByteArray> m_cookies;
    QStringList m_ignored;
    QStringList m_unknown;
};

bool CommandReader::read(const QStringList &words, QString *error)
{
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &word = words[i];
        if (word == u"--")
            continue;
        if (word.startsWith(u"--")) {
            const QStringView name = QStringView(word).mid(2);
            const std::optional<OptionSpec> spec = findLong(name);
            if (!spec && name.startsWith(u"no-")) {
                // curl's --no-OPTION switches a boolean option off.
                if (const auto negated = findLong(name.mid(3)); negated && !negated->takesValue) {
                    if (negated->opt == Opt::Insecure)
                        m_request.ignoreTlsErrors = false;
                    continue;
                }
            }
            if (!spec) {
                m_unknown << word;
                continue;
            }
            QString value;
            if (spec->takesValue) {
                if (i + 1 >= words.size()) {
                    *error = tr("The option %1 needs a value.").arg(word);
                    return false;
                }
                value = words[++i];
            }
            if (!apply(*spec, word, value, error))
                return false;
        } else if (word.startsWith(u'-') && word.size() > 1) {
            // Short options can be grouped (-sSN) and take their value attached (-XPOST) or as the next word.
            for (qsizetype k = 1; k < word.size(); ++k) {
                const QString name = u'-' + word[k];
                const std::optional<OptionSpec> spec = findShort(word[k]);
                if (!spec) {
                    m_unknown << name;
                    continue;
                }
                QString value;
                if (spec->takesValue && k + 1 < word.size()) {
                    value = word.mid(k + 1);
                } else if (spec->takesValue && i + 1 < words.size()) {
                    value = words[++i];
                } else if (spec->takesValue) {
                    *error = tr("The option %1 needs a value.").arg(name);
                    return false;
                }
                if (!apply(*spec, name, value, error))
                    return false;
                if (spec->takesValue)
                    break;
            }
        } else {
            m_urls << word;
        }
    }
    return true;
}

bool CommandReader::apply(const OptionSpec &spec, const QString &name, const QString &value, QString *error)
{
    const auto fileError = [&]() {
        *error
            = tr("%1 %2 reads a file, and files are not read here: paste the content itself instead.").arg(name, value);
        return false;
    };
    switch (spec.opt) {
    case Opt::Request:
        m_method = value.toUtf8();
        break;
    case Opt::Header: {
        if (value.startsWith(u'@'))
            return fileError();
        const qsizetype colon = value.indexOf(u':');
        if (colon < 0) {
            // "Name;" is curl's way to send a header with an empty value.
            if (value.trimmed().endsWith(u';') && value.trimmed().size() > 1)
                m_request.headers.append({value.trimmed().chopped(1).toUtf8(), QByteArray()});
            else
                warnings << tr("The header “%1” has no colon and was left out, as curl does.").arg(value);
            break;
        }
        const QByteArray headerName = value.left(colon).trimmed().toUtf8();
        const QByteArray headerValue = value.mid(colon + 1).trimmed().toUtf8();
        if (headerName.isEmpty()) {
            warnings << tr("The header “%1” has no name and was left out.").arg(value);
        } else if (headerValue.isEmpty()) {
            m_removed << headerName.toLower();
        } else if (headerName.compare("Last-Event-ID", Qt::CaseInsensitive) == 0) {
            m_request.lastEventId = headerValue;
        } else {
            m_request.headers.append({headerName, headerValue});
        }
        break;
    }
    case Opt::Data:
    case Opt::Json:
        if (value.startsWith(u'@'))
            return fileError();
        addBody(value.toUtf8(), spec.opt == Opt::Json);
        m_json = m_json || spec.opt == Opt::Json;
        break;
    case Opt::DataRaw:
        addBody(value.toUtf8(), false);
        break;
    case Opt::DataUrlEncode: {
        // "content", "=content", "name=content", "@file" or "name@file", as curl reads them.
        const qsizetype equals = value.indexOf(u'=');
        const qsizetype at = value.indexOf(u'@');
        if (at >= 0 && (equals < 0 || at < equals))
            return fileError();
        const QString content = equals < 0 ? value : value.mid(equals + 1);
        const QByteArray encoded = QUrl::toPercentEncoding(content);
        addBody(equals <= 0 ? encoded : QByteArray(value.left(equals).toUtf8() + '=' + encoded), false);
        break;
    }
    case Opt::Url:
        m_urls << value;
        break;
    case Opt::User: {
        QString credentials = value;
        if (!credentials.contains(u':')) {
            warnings << tr("%1 gives no password (curl would ask for one): an empty password is used.").arg(name);
            credentials += u':';
        }
        setImplicit("Authorization", "Basic " + credentials.toUtf8().toBase64());
        break;
    }
    case Opt::Bearer:
        setImplicit("Authorization", "Bearer " + value.toUtf8());
        break;
    case Opt::UserAgent:
        setImplicit("User-Agent", value.toUtf8());
        break;
    case Opt::Referer:
        setImplicit("Referer", (value.endsWith(u";auto") ? value.chopped(5) : value).toUtf8());
        break;
    case Opt::Cookie:
        if (value.contains(u'='))
            m_cookies << value.trimmed().toUtf8();
        else
            warnings
                << tr("%1 %2 reads cookies from a file, which is not read here: it was left out.").arg(name, value);
        break;
    case Opt::CaCert:
        m_request.caFile = value;
        break;
    case Opt::Proxy:
    case Opt::Socks5: {
        if (value.trimmed().isEmpty()) {
            m_request.proxyMode = StreamRequest::ProxyMode::None; // curl: an empty proxy means none
            break;
        }
        const QString scheme = spec.opt == Opt::Socks5 ? u"socks5://"_s : u"http://"_s;
        const QUrl proxy(value.contains(u"://") ? value.trimmed() : QString(scheme + value.trimmed()));
        if (!proxy.isValid() || proxy.host().isEmpty()) {
            *error = tr("%1 %2 is not a proxy address such as http://host:8080.").arg(name, value);
            return false;
        }
        const QString proxyScheme = proxy.scheme().toLower();
        if (proxyScheme != u"http" && proxyScheme != u"https" && !proxyScheme.startsWith(u"socks5"))
            warnings << tr("The proxy scheme %1 is not supported: only HTTP and SOCKS5 proxies are.").arg(proxyScheme);
        m_request.proxyMode = StreamRequest::ProxyMode::Given;
        m_request.proxyUrl = proxy;
        break;
    }
    case Opt::NoProxy:
        if (value.trimmed() == u"*")
            m_noProxy = true;
        else
            m_ignored << name + u' ' + value;
        break;
    case Opt::Insecure:
        m_request.ignoreTlsErrors = true;
        break;
    case Opt::Get:
    case Opt::Head:
        (spec.opt == Opt::Get ? m_get : m_head) = true;
        break;
    case Opt::Form:
        *error = tr("%1 sends a multipart form, which is not supported here: send the body with --data-raw instead.")
                     .arg(name);
        return false;
    case Opt::UploadFile:
        return fileError();
    case Opt::Harmless:
        break;
    case Opt::Ignored:
        m_ignored << (spec.takesValue ? QString(name + u' ' + value) : name);
        break;
    }
    return true;
}

void CommandReader::addBody(const QByteArray &piece, bool json)
{
    // curl joins -d pieces with &, and --json pieces with nothing.
    if (m_hasData && !(json && m_lastPieceJson))
        m_request.body += '&';
    m_request.body += piece;
    m_hasData = true;
    m_lastPieceJson = json;
}

void CommandReader::setImplicit(const QByteArray &name, const QByteArray &value)
{
    m_implicit.removeIf([&name](const Header &header) { return header.first == name; });
    m_implicit.append({name, value});
}

std::optional<StreamRequest> CommandReader::finish(QString *error)
{
    if (m_urls.isEmpty()) {
        *error = tr("The command has no URL.");
        return std::nullopt;
    }
    if (m_urls.size() > 1)
        warnings << tr("Only the first URL is used; these were left out: %1.").arg(m_urls.mid(1).join(u", "_s));
    const QString text = m_urls.first().trimmed();
    QUrl url(text.contains(u"://") ? text : QString(u"http://"_s + text));
    if (!url.isValid()) {
        *error = tr("“%1” is not a valid URL: %2").arg(text, url.errorString());
        return std::nullopt;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        *error = tr("“%1” is not an http or https URL, so it cannot carry an event stream.").arg(text);
        return std::nullopt;
    }
    if (url.host().isEmpty()) {
        *error = tr("The URL “%1” has no host name.").arg(text);
        return std::nullopt;
    }
    if (m_get && m_hasData) {
        // -G sends the data as the query of a GET.
        const QString query = url.query(QUrl::FullyEncoded);
        const QString data = QString::fromUtf8(m_request.body);
        url.setQuery(query.isEmpty() ? data : QString(query + u'&' + data), QUrl::TolerantMode);
        m_request.body.clear();
        m_hasData = false;
    }
    m_request.url = url;

    if (!m_method.isEmpty())
        m_request.method = m_method;
    else
        m_request.method = m_head ? "HEAD" : m_hasData ? "POST" : "GET";

    if (!m_cookies.isEmpty())
        setImplicit("Cookie", m_cookies.join("; "));
    if (m_json) {
        setImplicit("Content-Type", "application/json");
        setImplicit("Accept", "application/json");
    } else if (m_hasData) {
        setImplicit("Content-Type", "application/x-www-form-urlencoded");
    }
    for (const Header &header : std::as_const(m_implicit)) {
        if (!hasHeader(m_request.headers, header.first) && !m_removed.contains(header.first.toLower()))
            m_request.headers.append(header);
    }
    if (m_noProxy)
        m_request.proxyMode = StreamRequest::ProxyMode::None;

    if (!m_ignored.isEmpty())
        warnings << tr("These options do not apply here and were ignored: %1.").arg(m_ignored.join(u", "_s));
    if (!m_unknown.isEmpty())
        warnings << tr("These options are unknown and were ignored: %1.").arg(m_unknown.join(u", "_s));
    return m_request;
}

} // namespace

std::optional<StreamRequest> CurlCommand::parse(const QString &command, QString *error, QStringList *warnings)
{
    QString localError;
    if (!error)
        error = &localError;
    if (command.trimmed().isEmpty()) {
        *error = tr("The command is empty: paste a curl command.");
        return std::nullopt;
    }
    std::optional<Split> split = looksLikeCmd(command) ? splitCmd(command) : splitPosix(command, error);
    if (!split)
        return std::nullopt;
    QStringList &words = split->words;
    if (!words.isEmpty() && words.first() == u"$")
        words.removeFirst(); // a prompt copied from documentation
    if (words.isEmpty()) {
        *error = tr("The command is empty: paste a curl command.");
        return std::nullopt;
    }
    QString program = words.first().section(u'/', -1).section(u'\\', -1).toLower();
    if (program.endsWith(u".exe"))
        program.chop(4);
    if (program != u"curl") {
        *error = tr("A curl command starts with “curl”, not “%1”.").arg(words.first().left(40));
        return std::nullopt;
    }
    CommandReader reader;
    if (!reader.read(words, error))
        return std::nullopt;
    std::optional<StreamRequest> request = reader.finish(error);
    if (request && !split->stoppedAt.isEmpty())
        reader.warnings
            << tr("Everything from “%1” on is not part of the curl command and was ignored.").arg(split->stoppedAt);
    if (warnings)
        *warnings = reader.warnings;
    return request;
}

QString CurlCommand::toCommand(const StreamRequest &request)
{
    QStringList parts{u"curl -N "_s + quote(request.url.toString())};
    const QByteArray method = request.method.isEmpty() ? QByteArray("GET") : request.method;
    const bool implied = (method == "GET" && request.body.isEmpty()) || (method == "POST" && !request.body.isEmpty());
    if (method == "HEAD" && request.body.isEmpty())
        parts << u"-I"_s;
    else if (!implied)
        parts << u"-X "_s + quote(QString::fromUtf8(method));
    for (const Header &header : request.headers) {
        const QString name = QString::fromUtf8(header.first);
        // An empty value is "Name;": "Name:" would remove a header curl adds.
        parts << u"-H "_s
                + quote(header.second.isEmpty() ? QString(name + u';')
                                                : QString(name + u": "_s + QString::fromUtf8(header.second)));
    }
    if (!request.lastEventId.isEmpty())
        parts << u"-H "_s + quote(u"Last-Event-ID: "_s + QString::fromUtf8(request.lastEventId));
    if (!request.body.isEmpty())
        parts << u"--data-raw "_s + quote(QString::fromUtf8(request.body));
    if (request.ignoreTlsErrors)
        parts << u"-k"_s;
    if (!request.caFile.isEmpty())
        parts << u"--cacert "_s + quote(request.caFile);
    if (request.proxyMode == StreamRequest::ProxyMode::Given)
        parts << u"--proxy "_s + quote(request.proxyUrl.toString());
    else if (request.proxyMode == StreamRequest::ProxyMode::None)
        parts << u"--noproxy '*'"_s;

    const QString line = parts.join(u' ');
    if (line.size() <= OneLineLimit && !line.contains(u'\n'))
        return line;
    return parts.join(u" \\\n  "_s);
}
