// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostictext.h"

#include "log/streamstats.h"
#include "sse/utf8.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QByteArrayView ByteOrderMark = "\xEF\xBB\xBF";

} // namespace

QString DiagnosticText::title(SseDiagnostic::Kind kind)
{
    switch (kind) {
    case SseDiagnostic::Kind::BomRemoved:
        return tr("BOM removed");
    case SseDiagnostic::Kind::UnknownField:
        return tr("unknown field");
    case SseDiagnostic::Kind::InvalidRetry:
        return tr("invalid retry");
    case SseDiagnostic::Kind::RetryClamped:
        return tr("retry clamped");
    case SseDiagnostic::Kind::IdContainsNull:
        return tr("id with NUL");
    case SseDiagnostic::Kind::InvalidUtf8:
        return tr("invalid UTF-8");
    case SseDiagnostic::Kind::UnterminatedEventDiscarded:
        return tr("unfinished event");
    case SseDiagnostic::Kind::LineTooLong:
        return tr("line too long");
    case SseDiagnostic::Kind::EventTooLarge:
        return tr("event too large");
    }
    return {};
}

QString DiagnosticText::message(const SseDiagnostic &diagnostic)
{
    const QString what = Utf8::toString(diagnostic.detail);
    switch (diagnostic.kind) {
    case SseDiagnostic::Kind::BomRemoved:
        return tr("The byte order mark at the start of the stream was removed, as the standard says.");
    case SseDiagnostic::Kind::UnknownField:
        if (diagnostic.detail.startsWith(ByteOrderMark))
            return tr("The field \"%1\" was ignored: it starts with a byte order mark that is not at the start of "
                      "the stream.")
                .arg(what);
        return tr("The unknown field \"%1\" was ignored (field names are case-sensitive).").arg(what);
    case SseDiagnostic::Kind::InvalidRetry:
        return tr("The retry value \"%1\" was ignored: it is not ASCII digits only.").arg(what);
    case SseDiagnostic::Kind::RetryClamped:
        return tr("The retry value \"%1\" is too large and was clamped.").arg(what);
    case SseDiagnostic::Kind::IdContainsNull:
        return tr("The id was ignored: it contains U+0000.");
    case SseDiagnostic::Kind::InvalidUtf8:
        return tr("Bytes that are not UTF-8 were replaced by U+FFFD.");
    case SseDiagnostic::Kind::UnterminatedEventDiscarded:
        return tr("The stream ended inside an event (no blank line after it): the event was discarded, its id "
                  "with it.");
    case SseDiagnostic::Kind::LineTooLong:
        return tr("A line is longer than the line limit of %1 bytes.").arg(what);
    case SseDiagnostic::Kind::EventTooLarge:
        return tr("The data of an event is larger than the event limit of %1 bytes.").arg(what);
    }
    return {};
}

QString DiagnosticText::count(qint64 count)
{
    return tr("%n diagnostic(s)", nullptr, int(qMin<qint64>(count, INT_MAX)));
}

QString DiagnosticText::breakdown(const StreamStats &stats)
{
    QList<SseDiagnostic::Kind> kinds;
    for (int kind = 0; kind < SseDiagnostic::KindCount; ++kind) {
        if (stats.diagnostics(SseDiagnostic::Kind(kind)) > 0)
            kinds.append(SseDiagnostic::Kind(kind));
    }
    std::stable_sort(kinds.begin(), kinds.end(), [&stats](SseDiagnostic::Kind a, SseDiagnostic::Kind b) {
        return stats.diagnostics(a) > stats.diagnostics(b);
    });
    const QLocale locale;
    QStringList lines;
    for (const SseDiagnostic::Kind kind : std::as_const(kinds))
        lines << tr("%1: %2").arg(title(kind), locale.toString(stats.diagnostics(kind)));
    return lines.join(u'\n');
}

QString DiagnosticText::rowsName()
{
    return tr("Diagnostics");
}

QString DiagnosticText::toggleToolTip()
{
    return tr("Show diagnostics: what the parser found and handled by the rules, which a browser ignores without "
              "a word (unknown fields, invalid retry values, bad UTF-8, an event cut off by the end of the stream, "
              "limits exceeded)");
}

QString DiagnosticText::figureToolTip()
{
    return tr("What the parser found and handled by the rules, which a browser ignores without a word, and limits "
              "the stream went over.");
}

QString DiagnosticText::rowTitle(qint64 sequence)
{
    return tr("Diagnostic #%1").arg(sequence);
}
