// SPDX-License-Identifier: GPL-3.0-or-later
#include "curlcommandreader.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

using Header = QPair<QByteArray, QByteArray>;
using Opt = CurlOptions::Opt;
using OptionSpec = CurlOptions::Spec;

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(),
                       [name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

} // namespace

bool CurlCommandReader::read(const QStringList &words, QString *error)
{
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &word = words[i];
        if (word == u"--")
            continue;
        if (word.startsWith(u"--")) {
            const QStringView name = QStringView(word).mid(2);
            const std::optional<OptionSpec> spec = CurlOptions::findLong(name);
            if (!spec && name.startsWith(u"no-")) {
                // curl's --no-OPTION switches a boolean option off.
                if (const auto negated = CurlOptions::findLong(name.mid(3)); negated && !negated->takesValue) {
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
                const std::optional<OptionSpec> spec = CurlOptions::findShort(word[k]);
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

bool CurlCommandReader::apply(const OptionSpec &spec, const QString &name, const QString &value, QString *error)
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

void CurlCommandReader::addBody(const QByteArray &piece, bool json)
{
    // curl joins -d pieces with &, and --json pieces with nothing.
    if (m_hasData && !(json && m_lastPieceJson))
        m_request.body += '&';
    m_request.body += piece;
    m_hasData = true;
    m_lastPieceJson = json;
}

void CurlCommandReader::setImplicit(const QByteArray &name, const QByteArray &value)
{
    m_implicit.removeIf([&name](const Header &header) { return header.first == name; });
    m_implicit.append({name, value});
}

std::optional<StreamRequest> CurlCommandReader::finish(QString *error)
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
