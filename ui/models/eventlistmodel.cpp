// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventlistmodel.h"

#include "diagnostictext.h"
#include "sse/utf8.h"
#include "theme.h"

#include <QApplication>
#include <QDateTime>
#include <QStyle>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int DefaultFlushMs = 33;
constexpr qsizetype PreviewChars = 300;
constexpr qsizetype DeltaSearchRows = 4096;

QString preview(QByteArrayView data)
{
    QString text = Utf8::toString(data.first(qMin(data.size(), PreviewChars * 4)));
    if (text.size() > PreviewChars)
        text = text.left(PreviewChars) + u'…';
    text.replace(u"\r\n"_s, u"⏎"_s);
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'⏎');
    return text;
}

} // namespace

bool EventListModel::hasSize(const StreamLog::Entry &entry)
{
    return entry.kind != StreamLog::Kind::State && entry.kind != StreamLog::Kind::Diagnostic;
}

EventListModel::EventListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultFlushMs);
    connect(&m_timer, &QTimer::timeout, this, &EventListModel::flush);
}

void EventListModel::scheduleFlush()
{
    if (!m_paused && !m_timer.isActive())
        m_timer.start();
}

void EventListModel::appendEvent(const SseEvent &event, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    SseEventView view;
    view.type = event.type;
    view.data = event.data;
    view.lastEventId = event.lastEventId;
    view.offset = event.offset;
    view.endOffset = event.endOffset;
    m_log.appendEvent(view, attempt, monotonicNs, wallMs);
    scheduleFlush();
}

void EventListModel::appendComment(const QByteArray &text, int attempt, qint64 monotonicNs, qint64 wallMs,
                                   qint64 streamOffset)
{
    m_log.appendComment(text, attempt, monotonicNs, wallMs, streamOffset);
    scheduleFlush();
}

void EventListModel::appendState(const StreamStateChange &change)
{
    m_log.appendState(change);
    scheduleFlush();
}

void EventListModel::appendChunk(const StreamChunk &chunk)
{
    m_log.appendChunk(chunk);
    scheduleFlush();
}

void EventListModel::appendDiagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    m_log.appendDiagnostic(diagnostic, attempt, monotonicNs, wallMs);
    scheduleFlush();
}

void EventListModel::setCapacity(qsizetype capacity)
{
    m_capacity = capacity;
    flush();
}

void EventListModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flush();
}

void EventListModel::flush()
{
    m_timer.stop();
    // Over the capacity, the oldest rows leave before the new ones come, so no row is shown only to vanish.
    const qsizetype overflow = m_capacity > 0 ? qMax<qsizetype>(0, m_log.size() - m_capacity) : 0;
    const qsizetype shownToGo = qMin(overflow, m_shown);
    if (shownToGo > 0) {
        beginRemoveRows({}, 0, int(shownToGo - 1));
        m_log.evictOldest(shownToGo);
        m_shown -= shownToGo;
        endRemoveRows();
    }
    if (m_paused)
        return;
    if (overflow > shownToGo) {
        // Waiting entries that would be evicted at once are never shown.
        m_log.evictOldest(overflow - shownToGo);
    }
    if (overflow > 0)
        Q_EMIT rowsEvicted(overflow);
    if (m_log.size() > m_shown) {
        beginInsertRows({}, int(m_shown), int(m_log.size() - 1));
        m_shown = m_log.size();
        endInsertRows();
    }
}

void EventListModel::clear()
{
    m_timer.stop();
    if (m_shown > 0) {
        beginRemoveRows({}, 0, int(m_shown - 1));
        m_shown = 0;
        m_log.clear();
        endRemoveRows();
    } else {
        m_log.clear();
    }
}

qint64 EventListModel::deltaNs(qsizetype row) const
{
    // An event's delta is since the previous event, not since the chunk it came in or a state change between;
    // likewise for comments, states and chunks. Rows of other kinds between are few, so the walk is short.
    const StreamLog::Entry entry = m_log.at(row);
    for (qsizetype before = row - 1; before >= 0 && before >= row - DeltaSearchRows; --before) {
        const StreamLog::Entry previous = m_log.at(before);
        if (previous.kind == entry.kind)
            return entry.monotonicNs - previous.monotonicNs;
    }
    return -1;
}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown);
}

int EventListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventListModel::display(const StreamLog::Entry &entry, int row, int column) const
{
    switch (column) {
    case NumberColumn:
        return entry.sequence;
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(entry.wallMs).toString(u"hh:mm:ss.zzz"_s);
    case DeltaColumn: {
        const qint64 ns = deltaNs(row);
        return ns < 0 ? QString() : u"+%1 ms"_s.arg(double(ns) / 1e6, 0, 'f', 3);
    }
    case TypeColumn:
        switch (entry.kind) {
        case StreamLog::Kind::Event:
            return Utf8::toString(entry.type);
        case StreamLog::Kind::Comment:
            return u": comment"_s;
        case StreamLog::Kind::State:
            return u"[%1]"_s.arg(Utf8::toString(entry.type));
        case StreamLog::Kind::Chunk:
            return u"chunk"_s;
        case StreamLog::Kind::Diagnostic:
            return DiagnosticText::title(entry.diagnostic);
        }
        return QString();
    case IdColumn:
        return Utf8::toString(entry.id);
    case SizeColumn:
        // A state's or a diagnostic's text is an explanation, not something the stream sent: it has no size.
        return hasSize(entry) ? QVariant(qint64(entry.data.size())) : QVariant(QString());
    case PreviewColumn:
        return entry.kind == StreamLog::Kind::Diagnostic ? DiagnosticText::message(entry.toDiagnostic())
                                                         : preview(entry.data);
    default:
        return {};
    }
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const StreamLog::Entry entry = m_log.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, row, index.column());
    case Qt::ToolTipRole:
        if (index.column() != PreviewColumn)
            return {};
        return entry.kind == StreamLog::Kind::Diagnostic ? DiagnosticText::message(entry.toDiagnostic())
                                                         : preview(entry.data.first(qMin(entry.data.size(), 4000)));
    case Qt::BackgroundRole:
        if (entry.kind != StreamLog::Kind::Diagnostic)
            return {};
        return Theme::diagnosticBackground(QGuiApplication::palette());
    case Qt::DecorationRole:
        if (entry.kind != StreamLog::Kind::Diagnostic || index.column() != TypeColumn)
            return {};
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    case Qt::TextAlignmentRole:
        return index.column() == NumberColumn || index.column() == SizeColumn || index.column() == DeltaColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.wallMs;
        case DeltaColumn:
            return deltaNs(row);
        case SizeColumn:
            return hasSize(entry) ? qint64(entry.data.size()) : qint64(0);
        case PreviewColumn:
            return entry.kind == StreamLog::Kind::Diagnostic ? DiagnosticText::message(entry.toDiagnostic())
                                                             : Utf8::toString(entry.data);
        default:
            return display(entry, row, index.column());
        }
    case KindRole:
        return int(entry.kind);
    case DataRole:
        return entry.data.toByteArray();
    case DiagnosticRole:
        return entry.kind == StreamLog::Kind::Diagnostic ? QVariant(int(entry.diagnostic)) : QVariant();
    default:
        return {};
    }
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case DeltaColumn:
        return tr("Delta");
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Id");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Data");
    default:
        return {};
    }
}
