// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffmodel.h"

#include "sse/utf8.h"
#include "util/jsonsniff.h"
#include "util/prettyjson.h"

#include <QFont>

#include <algorithm>
#include <climits>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace {

using Kind = SessionDiff::Difference::Kind;

constexpr qsizetype PreviewChars = 300;
constexpr qsizetype TooltipChars = 120; // as much as `ssescope diff` shows of a value
// Data that differs only after its first characters is shown from a little before the difference, or two cells
// would show the same start and hide it.
constexpr qsizetype PreviewLeadBytes = 24;
// Laying out megabytes of text stalls a window: the detail shows the start of a huge value.
constexpr qsizetype DetailDataLimit = qsizetype(256) << 10;
// The lines of two values are matched (a longest common subsequence) up to this many line pairs; past it, every
// line between the common start and end is marked.
constexpr qsizetype LineMatchLimit = 1000000;

int kindBit(Kind kind)
{
    return 1 << int(kind);
}

// The longest start of bytes that ends on a character boundary and holds at most limit bytes.
QByteArrayView utf8Start(QByteArrayView bytes, qsizetype limit)
{
    if (bytes.size() <= limit)
        return bytes;
    qsizetype end = limit;
    while (end > 0 && (uchar(bytes[end]) & 0xC0) == 0x80)
        --end;
    return bytes.first(end);
}

// Where two values start to differ, as a byte offset on a character boundary of both.
qsizetype firstDifference(QByteArrayView a, QByteArrayView b)
{
    const qsizetype common = qMin(a.size(), b.size());
    qsizetype i = 0;
    while (i < common && a[i] == b[i])
        ++i;
    while (i > 0 && i < a.size() && (uchar(a[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

// Data on one line of a cell: line breaks become ⏎ and a long value is cut (the view elides the rest). From a
// byte offset past the first few, the cell starts with … and a little of what comes before that offset.
QString preview(QByteArrayView data, qsizetype from = 0)
{
    QString text;
    if (from > PreviewLeadBytes) {
        qsizetype start = from - PreviewLeadBytes / 2;
        while (start > 0 && (uchar(data[start]) & 0xC0) == 0x80)
            --start;
        data = data.sliced(start);
        text = u"…"_s;
    }
    text += Utf8::toString(utf8Start(data, PreviewChars * 4));
    if (text.size() > PreviewChars)
        text = text.left(PreviewChars) + u'…';
    text.replace(u"\r\n"_s, u"⏎"_s);
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'⏎');
    return text;
}

// A value in a tooltip, escaped and shortened the way `ssescope diff` prints it.
QString shown(const QByteArray &bytes)
{
    const QString text = Utf8::toString(utf8Start(bytes, TooltipChars * 4));
    const QString head = text.left(TooltipChars);
    QString out = SessionDiff::escaped(head);
    if (head.size() < text.size() || text.toUtf8().size() < bytes.size())
        out += DiffModel::tr("… [+%1 bytes]").arg(bytes.size() - head.toUtf8().size());
    return out;
}

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

QString signedMilliseconds(qint64 ns)
{
    return (ns >= 0 ? u"+"_s : QString()) + milliseconds(ns);
}

QString eventsText(qsizetype count)
{
    return count == 1 ? DiffModel::tr("1 event") : DiffModel::tr("%1 events").arg(count);
}

// Data as the detail shows it: JSON indented for reading, anything else as it is; a huge value is cut.
QString detailData(const QByteArray &data)
{
    if (data.size() > DetailDataLimit) {
        const QByteArrayView start = utf8Start(data, DetailDataLimit);
        return Utf8::toString(start) + u'\n'
            + DiffModel::tr("… %1 more bytes are not shown").arg(data.size() - start.size());
    }
    const QString text = Utf8::toString(data);
    return JsonSniff::parseContainer(data).isUndefined() ? text : PrettyJson::indent(text);
}

// Which lines of a and of b have no counterpart in the other: the common start and end are matched first,
// then what lies between by a longest common subsequence of lines.
std::pair<QList<bool>, QList<bool>> unmatchedLines(const QStringList &a, const QStringList &b)
{
    QList<bool> inA(a.size(), false);
    QList<bool> inB(b.size(), false);
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n == 0 || m == 0 || n * m > LineMatchLimit) {
        std::fill(inA.begin() + head, inA.begin() + head + n, true);
        std::fill(inB.begin() + head, inB.begin() + head + m, true);
        return {inA, inB};
    }
    // lengths[i][j]: the longest common subsequence of the middle lines of a from i and of b from j.
    std::vector<quint16> lengths(size_t((n + 1) * (m + 1)), 0);
    const auto at = [m, &lengths](qsizetype i, qsizetype j) -> quint16 & {
        return lengths[size_t(i * (m + 1) + j)];
    };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            at(i, j)
                = a.at(head + i) == b.at(head + j) ? quint16(at(i + 1, j + 1) + 1) : qMax(at(i + 1, j), at(i, j + 1));
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
            ++i;
            ++j;
        } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
            inA[head + i++] = true;
        } else {
            inB[head + j++] = true;
        }
    }
    return {inA, inB};
}

// Runs of marked lines as first and last line.
QList<std::pair<int, int>> runs(const QList<bool> &marked, int offset)
{
    QList<std::pair<int, int>> out;
    for (int line = 0; line < marked.size(); ++line) {
        if (!marked.at(line))
            continue;
        if (!out.isEmpty() && out.last().second == offset + line - 1)
            out.last().second = offset + line;
        else
            out.append({offset + line, offset + line});
    }
    return out;
}

} // namespace

DiffModel::DiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DiffModel::setRecordings(QList<RecordedEvent> a, QList<RecordedEvent> b)
{
    beginResetModel();
    m_a = std::move(a);
    m_b = std::move(b);
    m_differences.clear();
    m_options = {};
    m_kinds.fill(0, qMax(m_a.size(), m_b.size()));
    m_differingRows.clear();
    m_firstDifference.clear();
    endResetModel();
}

void DiffModel::setDifferences(QList<Difference> differences, const SessionDiff::Options &options)
{
    m_differences = std::move(differences);
    m_options = options;
    m_kinds.fill(0);
    m_differingRows.clear();
    m_firstDifference.clear();
    // SessionDiff lists differences by event, so each row's differences follow one another.
    for (qsizetype i = 0; i < m_differences.size(); ++i) {
        const Difference &difference = m_differences.at(i);
        const qsizetype row = difference.indexA >= 0 ? difference.indexA : difference.indexB;
        if (row < 0 || row >= m_kinds.size())
            continue;
        if (m_differingRows.isEmpty() || m_differingRows.last() != row) {
            m_differingRows << int(row);
            m_firstDifference << i;
        }
        m_kinds[row] |= quint8(kindBit(difference.kind));
    }
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void DiffModel::clear()
{
    setRecordings({}, {});
}

QList<DiffModel::Difference> DiffModel::differencesAt(int row) const
{
    const auto found = std::lower_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    if (found == m_differingRows.cend() || *found != row)
        return {};
    QList<Difference> differences;
    for (qsizetype i = m_firstDifference.at(found - m_differingRows.cbegin()); i < m_differences.size(); ++i) {
        const Difference &difference = m_differences.at(i);
        if ((difference.indexA >= 0 ? difference.indexA : difference.indexB) != row)
            break;
        differences << difference;
    }
    return differences;
}

int DiffModel::kindsAt(int row) const
{
    return row >= 0 && row < m_kinds.size() ? m_kinds.at(row) : 0;
}

std::optional<DiffModel::Mark> DiffModel::cellMark(int row, int column) const
{
    const int kinds = kindsAt(row);
    if (kinds == 0)
        return std::nullopt;
    switch (column) {
    case TypeAColumn:
    case IdAColumn:
    case DataAColumn:
        if (kinds & kindBit(Kind::OnlyInA))
            return Mark::OnlyInA;
        break;
    case TypeBColumn:
    case IdBColumn:
    case DataBColumn:
        if (kinds & kindBit(Kind::OnlyInB))
            return Mark::OnlyInB;
        break;
    default:
        break;
    }
    const bool changed = ((column == TypeAColumn || column == TypeBColumn) && (kinds & kindBit(Kind::Type)))
        || ((column == IdAColumn || column == IdBColumn) && (kinds & kindBit(Kind::Id)))
        || ((column == DataAColumn || column == DataBColumn) && (kinds & kindBit(Kind::Data)))
        || (column == DeltaColumn && (kinds & kindBit(Kind::Timing)));
    return changed ? std::optional<Mark>(Mark::Changed) : std::nullopt;
}

QString DiffModel::describe(int row) const
{
    QStringList lines;
    for (const Difference &difference : differencesAt(row)) {
        switch (difference.kind) {
        case Kind::Type:
        case Kind::Data:
        case Kind::Id:
            lines << tr("Event %1: %2 differs").arg(row + 1).arg(kindText(difference.kind))
                  << tr("A: %1").arg(shown(difference.valueA)) << tr("B: %1").arg(shown(difference.valueB));
            break;
        case Kind::Timing:
            lines << tr("Event %1: timing differs by %2 ms (tolerance %3 ms)")
                         .arg(row + 1)
                         .arg(milliseconds(qAbs(difference.timeANs - difference.timeBNs)))
                         .arg(m_options.toleranceMs)
                  << tr("A: +%1 ms").arg(milliseconds(difference.timeANs))
                  << tr("B: +%1 ms").arg(milliseconds(difference.timeBNs));
            break;
        case Kind::OnlyInA:
            lines << tr("Event %1 is only in A: B has %2").arg(row + 1).arg(eventsText(m_b.size()));
            break;
        case Kind::OnlyInB:
            lines << tr("Event %1 is only in B: A has %2").arg(row + 1).arg(eventsText(m_a.size()));
            break;
        }
    }
    return lines.join(u'\n');
}

std::pair<DiffModel::SideDetail, DiffModel::SideDetail> DiffModel::detail(int row) const
{
    const int kinds = kindsAt(row);
    SideDetail sides[2];
    QStringList dataLines[2];
    for (int side = 0; side < 2; ++side) {
        const QList<RecordedEvent> &events = side == 0 ? m_a : m_b;
        if (row < 0 || row >= events.size())
            continue;
        const SseEvent &event = events.at(row).event;
        const qint64 timeNs = side == 0 ? timeANs(row) : timeBNs(row);
        dataLines[side] = detailData(event.data).split(u'\n');
        const QStringList fields{
            tr("type: %1").arg(Utf8::toString(event.type)),
            tr("id: %1").arg(event.lastEventId.isEmpty() ? tr("(none)") : Utf8::toString(event.lastEventId)),
            tr("time: +%1 ms since the first event").arg(milliseconds(timeNs)),
            tr("data:"),
        };
        sides[side].text = fields.join(u'\n') + u'\n' + dataLines[side].join(u'\n');
        const Kind onlyHere = side == 0 ? Kind::OnlyInA : Kind::OnlyInB;
        if (kinds & kindBit(onlyHere)) {
            sides[side].mark = side == 0 ? Mark::OnlyInA : Mark::OnlyInB;
            sides[side].markedLines.append({0, int(fields.size() + dataLines[side].size() - 1)});
            continue;
        }
        const Kind lineKinds[] = {Kind::Type, Kind::Id, Kind::Timing, Kind::Data};
        for (int line = 0; line < 4; ++line) {
            if (kinds & kindBit(lineKinds[line]))
                sides[side].markedLines.append({line, line});
        }
    }
    if ((kinds & kindBit(Kind::Data)) && !sides[0].text.isEmpty() && !sides[1].text.isEmpty()) {
        auto [unmatchedA, unmatchedB] = unmatchedLines(dataLines[0], dataLines[1]);
        // Values that differ only where indenting hides it (spaces in JSON) are marked whole.
        if (!unmatchedA.contains(true) && !unmatchedB.contains(true)) {
            unmatchedA.fill(true);
            unmatchedB.fill(true);
        }
        constexpr int FirstDataLine = 4;
        sides[0].markedLines << runs(unmatchedA, FirstDataLine);
        sides[1].markedLines << runs(unmatchedB, FirstDataLine);
    }
    for (SideDetail &side : sides) {
        // Runs that touch become one: fewer, larger marks.
        QList<std::pair<int, int>> merged;
        for (const auto &run : std::as_const(side.markedLines)) {
            if (!merged.isEmpty() && merged.last().second + 1 >= run.first)
                merged.last().second = qMax(merged.last().second, run.second);
            else
                merged << run;
        }
        side.markedLines = merged;
    }
    return {sides[0], sides[1]};
}

qint64 DiffModel::timeANs(int row) const
{
    return row >= 0 && row < m_a.size() ? m_a.at(row).monotonicNs - m_a.first().monotonicNs : -1;
}

qint64 DiffModel::timeBNs(int row) const
{
    return row >= 0 && row < m_b.size() ? m_b.at(row).monotonicNs - m_b.first().monotonicNs : -1;
}

int DiffModel::nextDifferingRow(int row) const
{
    const auto found = std::upper_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cend() ? -1 : *found;
}

int DiffModel::previousDifferingRow(int row) const
{
    const auto found = std::lower_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cbegin() ? -1 : *(found - 1);
}

int DiffModel::differingRowPosition(int row) const
{
    const auto found = std::lower_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cend() || *found != row ? -1 : int(found - m_differingRows.cbegin());
}

QColor DiffModel::markColor(Mark mark)
{
    // Translucent, so the base colour of the palette shows through: pale on white, deep on a dark base.
    switch (mark) {
    case Mark::Changed:
        return QColor(255, 170, 0, 85);
    case Mark::OnlyInA:
        return QColor(235, 64, 52, 80);
    case Mark::OnlyInB:
        break;
    }
    return QColor(46, 184, 76, 80);
}

QString DiffModel::kindText(Difference::Kind kind)
{
    switch (kind) {
    case Kind::Type:
        return tr("type");
    case Kind::Data:
        return tr("data");
    case Kind::Id:
        return tr("id");
    case Kind::Timing:
        return tr("timing");
    case Kind::OnlyInA:
        return tr("only in A");
    case Kind::OnlyInB:
        break;
    }
    return tr("only in B");
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(qMin<qsizetype>(m_kinds.size(), INT_MAX));
}

int DiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::FontRole:
        // Bold as well as coloured: a selected row's highlight hides the colour.
        if (cellMark(row, column)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return rowDiffers(row) ? QVariant(describe(row)) : QVariant();
    case Qt::BackgroundRole:
        if (const auto mark = cellMark(row, column))
            return markColor(*mark);
        return {};
    case Qt::TextAlignmentRole:
        if (column == NumberColumn || column == DeltaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        return rawValue(row, column);
    case CellDiffersRole:
        return cellMark(row, column).has_value();
    case RowDiffersRole:
        return rowDiffers(row);
    case KindsRole:
        return kindsAt(row);
    default:
        return {};
    }
}

QVariant DiffModel::display(int row, int column) const
{
    const RecordedEvent *a = row < m_a.size() ? &m_a.at(row) : nullptr;
    const RecordedEvent *b = row < m_b.size() ? &m_b.at(row) : nullptr;
    switch (column) {
    case NumberColumn:
        return row + 1;
    case TypeAColumn:
        return a ? QVariant(Utf8::toString(a->event.type)) : QVariant();
    case IdAColumn:
        return a ? QVariant(Utf8::toString(a->event.lastEventId)) : QVariant();
    case DataAColumn:
        return a ? QVariant(preview(a->event.data, dataDifferenceAt(row))) : QVariant();
    case TypeBColumn:
        return b ? QVariant(Utf8::toString(b->event.type)) : QVariant();
    case IdBColumn:
        return b ? QVariant(Utf8::toString(b->event.lastEventId)) : QVariant();
    case DataBColumn:
        return b ? QVariant(preview(b->event.data, dataDifferenceAt(row))) : QVariant();
    case DeltaColumn:
        return a && b ? QVariant(signedMilliseconds(timeBNs(row) - timeANs(row))) : QVariant();
    default:
        return {};
    }
}

qsizetype DiffModel::dataDifferenceAt(int row) const
{
    if (!(kindsAt(row) & kindBit(Kind::Data)))
        return 0;
    return firstDifference(m_a.at(row).event.data, m_b.at(row).event.data);
}

QVariant DiffModel::rawValue(int row, int column) const
{
    const RecordedEvent *a = row < m_a.size() ? &m_a.at(row) : nullptr;
    const RecordedEvent *b = row < m_b.size() ? &m_b.at(row) : nullptr;
    switch (column) {
    case NumberColumn:
        return qint64(row) + 1;
    case TypeAColumn:
        return a ? QVariant(a->event.type) : QVariant();
    case IdAColumn:
        return a ? QVariant(a->event.lastEventId) : QVariant();
    case DataAColumn:
        return a ? QVariant(a->event.data) : QVariant();
    case TypeBColumn:
        return b ? QVariant(b->event.type) : QVariant();
    case IdBColumn:
        return b ? QVariant(b->event.lastEventId) : QVariant();
    case DataBColumn:
        return b ? QVariant(b->event.data) : QVariant();
    case DeltaColumn:
        return a && b ? QVariant(timeBNs(row) - timeANs(row)) : QVariant();
    default:
        return {};
    }
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NumberColumn:
            return tr("#");
        case TypeAColumn:
            return tr("A type");
        case IdAColumn:
            return tr("A id");
        case DataAColumn:
            return tr("A data");
        case TypeBColumn:
            return tr("B type");
        case IdBColumn:
            return tr("B id");
        case DataBColumn:
            return tr("B data");
        case DeltaColumn:
            return tr("Δt (ms)");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NumberColumn:
            return tr("The event's number in its recording: event N of A is compared with event N of B");
        case DeltaColumn:
            return tr("B's time since its first event minus A's, in milliseconds");
        default:
            return {};
        }
    }
    return {};
}
