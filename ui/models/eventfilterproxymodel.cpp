// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventfilterproxymodel.h"

#include "eventlistmodel.h"
#include "sse/utf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLatin1StringView>

using namespace Qt::Literals::StringLiterals;

namespace {

// A value found at the pointer is remembered per row up to this many characters; longer ones are found again
// only when the value asked for is as long.
constexpr qsizetype CachedValueChars = 256;

constexpr quint8 kindBit(StreamLog::Kind kind)
{
    return quint8(1u << unsigned(kind));
}

constexpr quint8 DefaultKinds = kindBit(StreamLog::Kind::Event) | kindBit(StreamLog::Kind::Comment)
    | kindBit(StreamLog::Kind::State) | kindBit(StreamLog::Kind::Diagnostic);

bool startsLikeJsonContainer(QByteArrayView data)
{
    for (const char c : data) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

EventFilterProxyModel::EventFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_visibleKinds(DefaultKinds)
{
    setSortRole(EventListModel::RawValueRole);
}

EventFilterProxyModel::~EventFilterProxyModel() = default;

void EventFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_source = qobject_cast<EventListModel *>(model);
    std::deque<JsonResult>().swap(m_jsonCache);
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

void EventFilterProxyModel::setJsonFilter(const QString &pointer, const QString &value)
{
    // "choices/0" is read as "/choices/0": a pointer's leading slash is easy to forget.
    const QString text = pointer.isEmpty() || pointer.startsWith(u'/') ? pointer : u'/' + pointer;
    if (text == m_pointerText && value == m_jsonValue)
        return;
    if (text != m_pointerText) {
        m_pointerText = text;
        m_pointer = JsonPointer::parse(text);
        if (text.isEmpty() || !m_pointer)
            std::deque<JsonResult>().swap(m_jsonCache);
        else
            resetJsonCache(true);
    }
    m_jsonValue = value;
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
    return errors.join(u"; "_s);
}

bool EventFilterProxyModel::isFiltering() const
{
    return !m_text.isEmpty() || !m_hiddenTypes.isEmpty() || !m_pointerText.isEmpty();
}

void EventFilterProxyModel::refilter()
{
    invalidateFilter();
    Q_EMIT filterChanged();
}

void EventFilterProxyModel::resetJsonCache(bool keepNotJson)
{
    // Whether a row is JSON at all does not depend on the pointer: that much survives a new pointer.
    for (JsonResult &result : m_jsonCache) {
        if (keepNotJson && result.state == JsonResult::State::NotJson)
            continue;
        result = JsonResult();
    }
}

bool EventFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_source || sourceParent.isValid() || sourceRow >= m_source->log().size())
        return true;
    const StreamLog::Entry entry = m_source->log().at(sourceRow);
    if ((m_visibleKinds & kindBit(entry.kind)) == 0)
        return false;
    if (entry.kind == StreamLog::Kind::Event && !m_hiddenTypes.isEmpty()
        && m_hiddenTypes.contains(QByteArray::fromRawData(entry.type.data(), entry.type.size())))
        return false;
    if (!m_text.isEmpty() && !matchesText(entry))
        return false;
    if (!m_pointerText.isEmpty() && !matchesJson(entry))
        return false;
    return true;
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

EventFilterProxyModel::JsonResult EventFilterProxyModel::evaluateJson(QByteArrayView data) const
{
    JsonResult result;
    result.state = JsonResult::State::NotJson;
    if (!startsLikeJsonContainer(data))
        return result;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(data.data(), data.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return result;
    const QJsonValue value
        = m_pointer->evaluate(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
    if (value.isUndefined()) {
        result.state = JsonResult::State::Missing;
        return result;
    }
    result.text = JsonPointer::valueText(value);
    result.isNumber = value.isDouble();
    result.state = JsonResult::State::Found;
    return result;
}

bool EventFilterProxyModel::matchesJson(const StreamLog::Entry &entry) const
{
    if (!m_pointer || entry.kind != StreamLog::Kind::Event)
        return false;
    JsonResult *slot = nullptr;
    const qint64 firstRetained = m_source->log().evicted() + 1;
    if (m_jsonCache.empty() || m_jsonCacheFirst > firstRetained) {
        m_jsonCache.clear();
        m_jsonCacheFirst = firstRetained;
    } else if (m_jsonCacheFirst < firstRetained) {
        // Rows were evicted since: their results go too.
        const qint64 gone = qMin<qint64>(firstRetained - m_jsonCacheFirst, qint64(m_jsonCache.size()));
        m_jsonCache.erase(m_jsonCache.begin(), m_jsonCache.begin() + gone);
        m_jsonCacheFirst = firstRetained;
    }
    const qint64 index = entry.sequence - m_jsonCacheFirst;
    if (index >= 0 && index < m_source->log().size()) {
        if (index >= qint64(m_jsonCache.size()))
            m_jsonCache.resize(size_t(index + 1));
        slot = &m_jsonCache[size_t(index)];
    }

    JsonResult result = slot ? *slot : JsonResult();
    if (result.state == JsonResult::State::Unknown) {
        result = evaluateJson(entry.data);
        if (slot) {
            *slot = result;
            if (result.text.size() > CachedValueChars) {
                slot->state = JsonResult::State::FoundLong;
                slot->text.clear();
            }
        }
    }
    switch (result.state) {
    case JsonResult::State::Unknown:
    case JsonResult::State::NotJson:
    case JsonResult::State::Missing:
        return false;
    case JsonResult::State::FoundLong:
        if (m_jsonValue.isEmpty())
            return true;
        // The value found is longer than any cached one: only an equally long value can equal it.
        if (m_jsonValue.size() <= CachedValueChars)
            return false;
        result = evaluateJson(entry.data);
        break;
    case JsonResult::State::Found:
        break;
    }
    return valueEquals(result);
}

bool EventFilterProxyModel::valueEquals(const JsonResult &result) const
{
    if (m_jsonValue.isEmpty() || result.text == m_jsonValue)
        return true;
    if (!result.isNumber)
        return false;
    // Numbers compare as numbers, so "1.0" finds 1 and "1e3" finds 1000.
    const double found = result.text.toDouble();
    bool wantedIsNumber = false;
    const double wanted = m_jsonValue.trimmed().toDouble(&wantedIsNumber);
    return wantedIsNumber && found == wanted;
}

bool EventFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Values come straight from the log: sorting many rows through QVariant and QString is slow. Text compares
    // as UTF-8 bytes, which is code point order.
    if (!m_source || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() == EventListModel::NumberColumn)
        return left.row() < right.row();
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
