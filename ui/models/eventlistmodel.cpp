// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: the rows, their timed batches, pausing and the JSON pointer columns all
// answer for the same row index over the StreamLog, and a view asks them through one data().
#include "eventlistmodel.h"

#include "statetext.h"

#include "diagnostictext.h"
#include "sse/utf8.h"
#include "theme.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QStyle>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int DefaultFlushMs = 33;
constexpr qsizetype PreviewChars = 300;
constexpr qsizetype DeltaSearchRows = 4096;
// Sizes below this are shown in bytes, whole; larger ones in KiB, MiB or GiB.
constexpr qint64 WholeBytesBelow = 10000;

// Line breaks as one sign each, so that a row stays one line.
QString oneLine(QString text)
{
    text.replace(u"\r\n"_s, u"⏎"_s);
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'⏎');
    return text;
}

QString preview(QByteArrayView data)
{
    QString text = Utf8::toString(data.first(qMin(data.size(), PreviewChars * 4)));
    if (text.size() > PreviewChars)
        text = text.left(PreviewChars) + u'…';
    return oneLine(text);
}

// "2,000 B", "19.5 KiB": whole, so that a column never cuts it, and in the user's locale.
QString sizeText(qint64 bytes)
{
    const QLocale locale;
    if (bytes < WholeBytesBelow)
        return EventListModel::tr("%1 B").arg(locale.toString(bytes));
    return locale.formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// A JSON value on one line, a long value's end cut.
QString jsonText(const JsonField &field)
{
    return field.cut ? oneLine(field.text) + u'…' : oneLine(field.text);
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
    m_states.emplace(m_log.at(m_log.size() - 1).sequence, change);
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
    if (overflow > 0) {
        const qint64 firstKept = m_log.firstSequence();
        m_states.erase(m_states.begin(), m_states.lower_bound(firstKept));
        Q_EMIT rowsEvicted(overflow);
    }
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
    m_states.clear();
}

void EventListModel::reset()
{
    clear();
    m_log.reset(); // the JSON field caches see the new generation and drop what they held
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
    return parent.isValid() ? 0 : ColumnCount + int(m_jsonColumns.size());
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
            return u"[%1]"_s.arg(stateOf(entry) ? StateText::name(stateOf(entry)->state) : Utf8::toString(entry.type));
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
        return hasSize(entry) ? sizeText(entry.data.size()) : QString();
    case PreviewColumn:
        if (const StreamStateChange *change = stateOf(entry))
            return StateText::sentence(*change);
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
    if (index.column() >= ColumnCount && role != KindRole && role != DataRole)
        return jsonData(entry, index.column() - ColumnCount, role);
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
    if (orientation == Qt::Horizontal && section >= ColumnCount && section < columnCount()) {
        const JsonColumn &column = m_jsonColumns.at(section - ColumnCount);
        if (role == Qt::DisplayRole)
            return column.heading();
        if (role == Qt::ToolTipRole)
            return tr("JSON pointer %1 in each event's data").arg(column.pointer);
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case NumberColumn:
            return tr("The row's number in this tab; rows of hidden kinds (chunks, states) keep theirs");
        case DeltaColumn:
            return tr("Time since the previous row of the same kind: an event since the previous event, a state "
                      "since the previous state; empty for the first of its kind");
        default:
            break;
        }
    }
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

QVariant EventListModel::jsonData(const StreamLog::Entry &entry, int index, int role) const
{
    if (entry.kind != StreamLog::Kind::Event)
        return {};
    const JsonField &field = m_jsonFields.field(m_log, entry, index);
    switch (role) {
    case Qt::DisplayRole:
        return jsonText(field);
    case Qt::ToolTipRole:
        if (field.kind == JsonField::Kind::NotJson)
            return tr("The data is not JSON");
        if (field.kind == JsonField::Kind::Missing)
            return tr("%1 is not in this event's data").arg(m_jsonColumns.at(index).pointer);
        return jsonText(field);
    case RawValueRole:
        if (!field.isFound())
            return {};
        return field.kind == JsonField::Kind::Number ? QVariant(field.number) : QVariant(field.text);
    default:
        return {};
    }
}

const JsonField &EventListModel::jsonField(int row, int index) const
{
    return m_jsonFields.field(m_log, m_log.at(row), index);
}

void EventListModel::updateJsonPointers()
{
    QList<JsonPointer> pointers;
    for (const JsonColumn &column : std::as_const(m_jsonColumns))
        pointers.append(*JsonPointer::parse(column.pointer));
    m_jsonFields.setPointers(pointers);
}

void EventListModel::setJsonColumns(const JsonColumns &columns)
{
    JsonColumns valid;
    for (const JsonColumn &column : columns) {
        if (JsonPointer::parse(column.pointer))
            valid.append(column);
    }
    if (valid == m_jsonColumns)
        return;
    if (!m_jsonColumns.isEmpty()) {
        beginRemoveColumns({}, ColumnCount, ColumnCount + int(m_jsonColumns.size()) - 1);
        m_jsonColumns.clear();
        updateJsonPointers();
        endRemoveColumns();
    }
    if (!valid.isEmpty()) {
        beginInsertColumns({}, ColumnCount, ColumnCount + int(valid.size()) - 1);
        m_jsonColumns = valid;
        updateJsonPointers();
        endInsertColumns();
    }
}

bool EventListModel::addJsonColumn(const JsonColumn &column)
{
    if (!JsonPointer::parse(column.pointer))
        return false;
    const int section = columnCount();
    beginInsertColumns({}, section, section);
    m_jsonColumns.append(column);
    updateJsonPointers();
    endInsertColumns();
    return true;
}

bool EventListModel::changeJsonColumn(int index, const JsonColumn &column)
{
    if (index < 0 || index >= m_jsonColumns.size() || !JsonPointer::parse(column.pointer))
        return false;
    const bool newPointer = m_jsonColumns.at(index).pointer != column.pointer;
    m_jsonColumns[index] = column;
    const int section = ColumnCount + index;
    if (newPointer) {
        updateJsonPointers();
        if (rowCount() > 0)
            Q_EMIT dataChanged(this->index(0, section), this->index(rowCount() - 1, section));
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, section, section);
    return true;
}

void EventListModel::removeJsonColumn(int index)
{
    if (index < 0 || index >= m_jsonColumns.size())
        return;
    beginRemoveColumns({}, ColumnCount + index, ColumnCount + index);
    m_jsonColumns.removeAt(index);
    updateJsonPointers();
    endRemoveColumns();
}

const StreamStateChange *EventListModel::stateOf(const StreamLog::Entry &entry) const
{
    if (entry.kind != StreamLog::Kind::State)
        return nullptr;
    const auto found = m_states.find(entry.sequence);
    return found == m_states.end() ? nullptr : &found->second;
}
