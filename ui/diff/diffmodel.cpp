// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffmodel.h"

#include "sse/utf8.h"

#include <QFont>

#include <climits>

using namespace Qt::Literals::StringLiterals;

namespace {

using Kind = SessionDiff::Difference::Kind;

constexpr qsizetype PreviewChars = 300;
// Data that differs only after its first characters is shown from a little before the difference, or two cells
// would show the same start and hide it.
constexpr qsizetype PreviewLeadBytes = 24;

int kindBit(Kind kind)
{
    return 1 << int(kind);
}

// Where two values start to differ, as a byte offset on a character boundary of both.
qsizetype firstDifference(QByteArrayView a, QByteArrayView b)
{
    const qsizetype common = qMin(a.size(), b.size());
    qsizetype i = 0;
    while (i < common && a[i] == b[i])
        ++i;
    return Utf8::boundaryAtOrBefore(a, i);
}

// Data on one line of a cell: line breaks become ⏎ and a long value is cut (the view elides the rest). From a
// byte offset past the first few, the cell starts with … and a little of what comes before that offset.
QString preview(QByteArrayView data, qsizetype from = 0)
{
    QString text;
    if (from > PreviewLeadBytes) {
        data = data.sliced(Utf8::boundaryAtOrBefore(data, from - PreviewLeadBytes / 2));
        text = u"…"_s;
    }
    text += Utf8::toString(Utf8::prefix(data, PreviewChars * 4));
    if (text.size() > PreviewChars)
        text = text.left(PreviewChars) + u'…';
    text.replace(u"\r\n"_s, u"⏎"_s);
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'⏎');
    return text;
}

QString signedMilliseconds(qint64 ns)
{
    return (ns >= 0 ? u"+"_s : QString()) + QString::number(double(ns) / 1e6, 'f', 3);
}

} // namespace

DiffModel::DiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DiffModel::setComparison(SessionComparison comparison)
{
    if (comparison.pairs() != m_comparison.pairs()) {
        beginResetModel();
        m_comparison = std::move(comparison);
        endResetModel();
        return;
    }
    const bool alignmentChanged = comparison.alignment() != m_comparison.alignment();
    m_comparison = std::move(comparison);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    if (alignmentChanged)
        Q_EMIT headerDataChanged(Qt::Horizontal, NumberColumn, NumberColumn);
}

void DiffModel::clear()
{
    setComparison({});
}

std::optional<DiffModel::Mark> DiffModel::cellMark(int row, int column) const
{
    const int kinds = m_comparison.kindsAt(row);
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

int DiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(qMin<qsizetype>(m_comparison.rowCount(), INT_MAX));
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
        return rowDiffers(row) ? QVariant(DiffText::describe(m_comparison, row)) : QVariant();
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
        return m_comparison.kindsAt(row);
    default:
        return {};
    }
}

QVariant DiffModel::display(int row, int column) const
{
    const RecordedEvent *a = m_comparison.eventA(row);
    const RecordedEvent *b = m_comparison.eventB(row);
    switch (column) {
    case NumberColumn: {
        // One number while both sides stand at the same place; both once an event one side lacks moves them.
        const EventAlignment::Pair pair = m_comparison.pair(row);
        if (pair.a < 0 || pair.b < 0 || pair.a == pair.b)
            return qint64((pair.a >= 0 ? pair.a : pair.b) + 1);
        return tr("%1 / %2").arg(pair.a + 1).arg(pair.b + 1);
    }
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
        return a && b ? QVariant(signedMilliseconds(m_comparison.timeBNs(row) - m_comparison.timeANs(row)))
                      : QVariant();
    default:
        return {};
    }
}

qsizetype DiffModel::dataDifferenceAt(int row) const
{
    if (!(m_comparison.kindsAt(row) & kindBit(Kind::Data)))
        return 0;
    return firstDifference(m_comparison.eventA(row)->event.data, m_comparison.eventB(row)->event.data);
}

QVariant DiffModel::rawValue(int row, int column) const
{
    const RecordedEvent *a = m_comparison.eventA(row);
    const RecordedEvent *b = m_comparison.eventB(row);
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
        return a && b ? QVariant(m_comparison.timeBNs(row) - m_comparison.timeANs(row)) : QVariant();
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
            if (m_comparison.alignment() == EventAlignment::Mode::Id)
                return tr("The event's number in its recording. Both recordings carry SSE ids: events with the "
                          "same id are compared, and \"5 / 6\" is event 5 of A beside event 6 of B");
            return tr("The event's number in its recording: event N of A is compared with event N of B");
        case DeltaColumn:
            return tr("B's time since its first event minus A's, in milliseconds");
        default:
            return {};
        }
    }
    return {};
}
