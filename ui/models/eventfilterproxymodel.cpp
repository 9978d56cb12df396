// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventfilterproxymodel.h"

#include "eventlistmodel.h"
#include "sse/utf8.h"

#include <QElapsedTimer>
#include <QLatin1StringView>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint8 kindBit(StreamLog::Kind kind)
{
    return quint8(1u << unsigned(kind));
}

// Up to this many rows are filtered at once; more are decided a slice of time per turn of the event loop.
constexpr qsizetype DecideAtOnceRows = 20000;
constexpr qint64 SliceMs = 8;

constexpr quint8 DefaultKinds = kindBit(StreamLog::Kind::Event) | kindBit(StreamLog::Kind::Comment)
    | kindBit(StreamLog::Kind::State) | kindBit(StreamLog::Kind::Diagnostic);

} // namespace

EventFilterProxyModel::EventFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_visibleKinds(DefaultKinds)
{
    setSortRole(EventListModel::RawValueRole);
    m_slices.setSingleShot(true);
    m_slices.setInterval(0);
    connect(&m_slices, &QTimer::timeout, this, &EventFilterProxyModel::decideSlice);
}

EventFilterProxyModel::~EventFilterProxyModel() = default;

void EventFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_source = qobject_cast<EventListModel *>(model);
    m_jsonCache.clear();
    stopDeciding();
    QSortFilterProxyModel::setSourceModel(model);
}

void EventFilterProxyModel::setKindVisible(StreamLog::Kind kind, bool visible)
{
    const quint8 kinds = visible ? quint8(m_visibleKinds | kindBit(kind)) : quint8(m_visibleKinds & ~kindBit(kind));
    if (kinds == m_visibleKinds)
        return;
    m_visibleKinds = kinds;
    refilter();
}

bool EventFilterProxyModel::isKindVisible(StreamLog::Kind kind) const
{
    return (m_visibleKinds & kindBit(kind)) != 0;
}

void EventFilterProxyModel::setTextFilter(const QString &text, bool regularExpression, bool caseSensitive)
{
    if (text == m_text && regularExpression == m_regularExpression && caseSensitive == m_caseSensitive)
        return;
    m_text = text;
    m_textUtf8 = text.toUtf8();
    m_textIsAscii = Utf8::isAscii(m_textUtf8);
    m_regularExpression = regularExpression;
    m_caseSensitive = caseSensitive;
    m_regex = QRegularExpression();
    if (regularExpression && !text.isEmpty()) {
        m_regex.setPattern(text);
        m_regex.setPatternOptions(caseSensitive ? QRegularExpression::NoPatternOption
                                                : QRegularExpression::CaseInsensitiveOption);
        // Compiled once here rather than on the first row.
        m_regex.optimize();
    }
    refilter();
}

void EventFilterProxyModel::setHiddenTypes(const QSet<QByteArray> &types)
{
    if (types == m_hiddenTypes)
        return;
    m_hiddenTypes = types;
    refilter();
}

void EventFilterProxyModel::setJsonFilter(const QString &pointer, const QString &value, JsonFieldMatcher::Mode mode,
                                          bool caseSensitive)
{
    // "choices/0" is read as "/choices/0": a pointer's leading slash is easy to forget.
    const QString text = pointer.isEmpty() || pointer.startsWith(u'/') ? pointer : u'/' + pointer;
    if (text == m_pointerText && value == m_jsonMatcher.value() && mode == m_jsonMatcher.mode()
        && caseSensitive == m_jsonMatcher.isCaseSensitive())
        return;
    m_jsonMatcher = JsonFieldMatcher(mode, value, caseSensitive);
    if (text != m_pointerText) {
        // What a pointer found stays while only the value or the mode changes.
        m_pointerText = text;
        m_pointer = JsonPointer::parse(text);
        m_jsonCache.setPointers(m_pointer && !text.isEmpty() ? QList<JsonPointer>{*m_pointer} : QList<JsonPointer>());
    }
    refilter();
}

QString EventFilterProxyModel::filterError() const
{
    QStringList errors;
    if (m_regularExpression && !m_text.isEmpty() && !m_regex.isValid()) {
        errors.append(
            tr("Regular expression: %1 at offset %2").arg(m_regex.errorString()).arg(m_regex.patternErrorOffset()));
    }
    if (!m_pointerText.isEmpty() && !m_pointer)
        errors.append(tr("JSON pointer: \"~\" must be followed by 0 (for ~) or 1 (for /)"));
    const QRegularExpression &jsonRegex = m_jsonMatcher.regularExpression();
    if (m_pointer && !m_pointerText.isEmpty() && m_jsonMatcher.mode() == JsonFieldMatcher::Mode::Regex
        && !m_jsonMatcher.value().isEmpty() && !jsonRegex.isValid()) {
        errors.append(tr("JSON value regular expression: %1 at offset %2")
                          .arg(jsonRegex.errorString())
                          .arg(jsonRegex.patternErrorOffset()));
    }
    return errors.join(u"; "_s);
}

bool EventFilterProxyModel::isFiltering() const
{
    return !m_text.isEmpty() || !m_hiddenTypes.isEmpty() || !m_pointerText.isEmpty();
}

void EventFilterProxyModel::refilter()
{
    stopDeciding();
    if (m_source && m_source->log().size() > DecideAtOnceRows) {
        m_decidedFirst = m_source->log().firstSequence();
        m_decidedGeneration = m_source->log().generation();
        m_deciding = true;
        decideSlice();
        return;
    }
    applyFilter();
}

void EventFilterProxyModel::decideSlice()
{
    const StreamLog &log = m_source->log();
    QElapsedTimer clock;
    clock.start();
    // Rows are found by sequence: rows evicted meanwhile shift the rest forward, and those not decided yet
    // when they left are marked hidden, since they are gone.
    const qint64 next = m_decidedFirst + qint64(m_decided.size());
    if (next < log.firstSequence())
        m_decided.resize(size_t(log.firstSequence() - m_decidedFirst), false);
    qsizetype row = qsizetype(m_decidedFirst + qint64(m_decided.size()) - log.firstSequence());
    while (row < log.size()) {
        const StreamLog::Entry entry = log.at(row++);
        m_decided.push_back(accepts(entry));
        if (row % 512 == 0 && clock.elapsed() >= SliceMs && row < log.size()) {
            Q_EMIT filterProgress(row, log.size());
            m_slices.start();
            return;
        }
    }
    m_deciding = false;
    applyFilter();
}

void EventFilterProxyModel::applyFilter()
{
    // One change of layout, not a removal per run of rows that leave: a table's header answers each removal
    // in time that grows with its rows, so a filter that thins 300,000 rows out took minutes.
    invalidate();
    Q_EMIT filterChanged();
}

void EventFilterProxyModel::stopDeciding()
{
    m_slices.stop();
    m_deciding = false;
    m_decided.clear();
    m_decidedFirst = -1;
}

bool EventFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_source || sourceParent.isValid() || sourceRow >= m_source->log().size())
        return true;
    const StreamLog &log = m_source->log();
    const StreamLog::Entry entry = log.at(sourceRow);
    // Decided ahead in slices: the answer is looked up (rows that came later are decided here).
    if (m_decidedFirst >= 0 && !m_deciding && m_decidedGeneration == log.generation()) {
        const qint64 at = entry.sequence - m_decidedFirst;
        if (at >= 0 && at < qint64(m_decided.size()))
            return m_decided[size_t(at)];
    }
    return accepts(entry);
}

bool EventFilterProxyModel::accepts(const StreamLog::Entry &entry) const
{
    if (!passesOtherFilters(entry))
        return false;
    if (!m_pointerText.isEmpty())
        return m_pointer && entry.kind == StreamLog::Kind::Event && m_jsonMatcher.matches(jsonField(entry));
    return true;
}

bool EventFilterProxyModel::passesOtherFilters(const StreamLog::Entry &entry) const
{
    if ((m_visibleKinds & kindBit(entry.kind)) == 0)
        return false;
    if (entry.kind == StreamLog::Kind::Event && !m_hiddenTypes.isEmpty()
        && m_hiddenTypes.contains(QByteArray::fromRawData(entry.type.data(), entry.type.size())))
        return false;
    return m_text.isEmpty() || matchesText(entry);
}

bool EventFilterProxyModel::matchesText(const StreamLog::Entry &entry) const
{
    const QByteArrayView fields[] = {entry.data, entry.type, entry.id};
    if (m_regularExpression) {
        if (!m_regex.isValid())
            return false;
        for (const QByteArrayView field : fields) {
            if (!field.isEmpty() && m_regex.match(Utf8::toString(field)).hasMatch())
                return true;
        }
        return false;
    }
    for (const QByteArrayView field : fields) {
        if (field.size() < m_textUtf8.size())
            continue;
        // Searching the UTF-8 bytes spares decoding every row; ASCII letters fold the same in Latin-1.
        if (m_caseSensitive) {
            if (field.contains(m_textUtf8))
                return true;
        } else if (m_textIsAscii) {
            if (QLatin1StringView(field.data(), field.size())
                    .contains(QLatin1StringView(m_textUtf8.data(), m_textUtf8.size()), Qt::CaseInsensitive))
                return true;
        } else if (Utf8::toString(field).contains(m_text, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

JsonField EventFilterProxyModel::jsonField(const StreamLog::Entry &entry) const
{
    const JsonField &field = m_jsonCache.field(m_source->log(), entry, 0);
    // Only the start of a long value is kept: the whole is found again when the value asked for needs it.
    if (!field.cut || m_jsonMatcher.acceptsAnyValue())
        return field;
    return JsonField::of(m_pointer->evaluate(entry.data));
}

JsonFieldMatcher::Summary EventFilterProxyModel::jsonSummary() const
{
    JsonFieldMatcher::Summary summary;
    if (!m_source || m_pointerText.isEmpty() || !m_pointer)
        return summary;
    const StreamLog &log = m_source->log();
    const qsizetype rows = qMin<qsizetype>(m_source->rowCount(), log.size());
    for (qsizetype row = 0; row < rows; ++row) {
        const StreamLog::Entry entry = log.at(row);
        if (entry.kind == StreamLog::Kind::Event && passesOtherFilters(entry))
            m_jsonMatcher.count(summary, jsonField(entry));
    }
    return summary;
}

bool EventFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Values come straight from the log: sorting many rows through QVariant and QString is slow. Text compares
    // as UTF-8 bytes, which is code point order.
    if (!m_source || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() == EventListModel::NumberColumn)
        return left.row() < right.row();
    if (left.column() >= EventListModel::ColumnCount) {
        // A JSON column: numbers by value, text as text, events without the value first.
        const int column = left.column() - EventListModel::ColumnCount;
        const JsonField a = m_source->jsonField(left.row(), column);
        return JsonField::lessThan(a, m_source->jsonField(right.row(), column));
    }
    const StreamLog &log = m_source->log();
    const StreamLog::Entry a = log.at(left.row());
    const StreamLog::Entry b = log.at(right.row());
    const auto size = [](const StreamLog::Entry &entry) {
        return EventListModel::hasSize(entry) ? qint64(entry.data.size()) : qint64(0);
    };
    switch (left.column()) {
    case EventListModel::TimeColumn:
        return a.wallMs < b.wallMs;
    case EventListModel::DeltaColumn:
        return m_source->deltaNs(left.row()) < m_source->deltaNs(right.row());
    case EventListModel::TypeColumn:
        // Events by type, then comments, states by name, chunks, diagnostics by kind.
        if (a.kind != b.kind)
            return a.kind < b.kind;
        return a.type < b.type;
    case EventListModel::IdColumn:
        return a.id < b.id;
    case EventListModel::SizeColumn:
        return size(a) < size(b);
    case EventListModel::PreviewColumn:
        return a.data < b.data;
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}
