// SPDX-License-Identifier: GPL-3.0-or-later
#include "curlcommand.h"

#include "curlcommandreader.h"
#include "shellwords.h"

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype OneLineLimit = 100; // a longer command gets one option per line

using Header = QPair<QByteArray, QByteArray>;

} // namespace

std::optional<QStringList> CurlCommand::splitWords(const QString &command, QString *error)
{
    const auto split = ShellWords::split(command, error);
    if (!split)
        return std::nullopt;
    return split->words;
}

QString CurlCommand::quote(const QString &word)
{
    return ShellWords::quote(word);
}

std::optional<StreamRequest> CurlCommand::parse(const QString &command, QString *error, QStringList *warnings)
{
    QString localError;
    if (!error)
        error = &localError;
    if (command.trimmed().isEmpty()) {
        *error = tr("The command is empty: paste a curl command.");
        return std::nullopt;
    }
    std::optional<ShellWords::Split> split = ShellWords::split(command, error);
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
    CurlCommandReader reader;
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
