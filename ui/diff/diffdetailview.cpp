// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffdetailview.h"

#include "diffdetail.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

namespace {

constexpr qsizetype MaxLineMarks = 5000;

QPlainTextEdit *sideEdit(QWidget *parent)
{
    auto edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

void showSide(QPlainTextEdit *edit, const DiffDetail::Side &side)
{
    edit->setPlainText(side.text);
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument *document = edit->document();
    for (const auto &[first, last] : side.markedLines) {
        for (int line = first; line <= last; ++line) {
            // A mark without a selected range spans the whole width of its line, the way a changed line reads in
            // a diff; past the limit, the rest of the run is marked as one range, only as wide as its text.
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(DiffText::markColor(side.mark));
            selection.cursor = QTextCursor(document->findBlockByNumber(line));
            if (selections.size() >= MaxLineMarks) {
                const QTextBlock lastBlock = document->findBlockByNumber(last);
                selection.cursor.setPosition(lastBlock.position() + lastBlock.length() - 1, QTextCursor::KeepAnchor);
                selections << selection;
                break;
            }
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selections << selection;
        }
    }
    edit->setExtraSelections(selections);
}

// The first marked line of data, or -1.
int firstMarkedDataLine(const DiffDetail::Side &side)
{
    for (const auto &[first, last] : side.markedLines) {
        if (last >= DiffDetail::FirstDataLine)
            return qMax(first, DiffDetail::FirstDataLine);
    }
    return -1;
}

} // namespace

DiffDetailView::DiffDetailView(QWidget *parent)
    : QWidget(parent)
    , m_titleA(new QLabel(this))
    , m_titleB(new QLabel(this))
    , m_sideA(sideEdit(this))
    , m_sideB(sideEdit(this))
{
    auto layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_titleA, 0, 0);
    layout->addWidget(m_titleB, 0, 1);
    layout->addWidget(m_sideA, 1, 0);
    layout->addWidget(m_sideB, 1, 1);
    // Pairs are mostly alike in length: scrolling one side scrolls the other, so the fields stay level.
    connect(m_sideA->verticalScrollBar(), &QScrollBar::valueChanged, m_sideB->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_sideB->verticalScrollBar(), &QScrollBar::valueChanged, m_sideA->verticalScrollBar(),
            &QScrollBar::setValue);
}

void DiffDetailView::showRow(const SessionComparison &comparison, qsizetype row, const QString &fileA,
                             const QString &fileB)
{
    const EventAlignment::Pair pair = comparison.pair(row);
    // A side without an event in the row ended before it, or has no event with the other side's id.
    const auto title = [&](bool sideA, const QString &file) {
        const QString side = sideA ? tr("A") : tr("B");
        const qsizetype index = sideA ? pair.a : pair.b;
        const QString name = QFileInfo(file).fileName();
        if (row < 0)
            return name.isEmpty() ? side : tr("%1: %2").arg(side, name);
        if (index < 0 && !comparison.endedBefore(row, sideA))
            return tr("%1: no event in %2 pairs with this one by id").arg(side, name);
        if (index < 0)
            return tr("%1: no event %2 in %3").arg(side).arg((sideA ? pair.b : pair.a) + 1).arg(name);
        const qsizetype count = (sideA ? comparison.eventsA() : comparison.eventsB()).size();
        return tr("%1: event %2 of %3 in %4").arg(side).arg(index + 1).arg(count).arg(name);
    };
    m_titleA->setText(title(true, fileA));
    m_titleB->setText(title(false, fileB));
    const auto [a, b] = DiffDetail::sides(comparison, row);
    showSide(m_sideA, a);
    showSide(m_sideB, b);
    // Long data opens where it starts to differ; the other side follows (their scroll bars are coupled).
    const int lineA = firstMarkedDataLine(a);
    QPlainTextEdit *edit = lineA >= 0 ? m_sideA : m_sideB;
    const int line = lineA >= 0 ? lineA : firstMarkedDataLine(b);
    if (line >= 0) {
        edit->setTextCursor(QTextCursor(edit->document()->findBlockByNumber(line)));
        if (edit->isVisible() && edit->cursorRect().bottom() >= edit->viewport()->height())
            edit->centerCursor();
        // centerCursor() moves the scroll bar without a signal: the other side is told here.
        QPlainTextEdit *other = edit == m_sideA ? m_sideB : m_sideA;
        other->verticalScrollBar()->setValue(edit->verticalScrollBar()->value());
    }
    const auto missing = [&](bool sideA) {
        const QString side = sideA ? tr("A") : tr("B");
        if (row < 0)
            return comparison.rowCount() > 0 ? tr("Select a row to see both events in full.") : QString();
        if (!comparison.endedBefore(row, sideA))
            return tr("%1 has no event that pairs with this one by id.").arg(side);
        const qsizetype count = (sideA ? comparison.eventsA() : comparison.eventsB()).size();
        return tr("%1 has no event %2: it ends after %3.")
            .arg(side)
            .arg((sideA ? pair.b : pair.a) + 1)
            .arg(DiffText::eventsText(count));
    };
    m_sideA->setPlaceholderText(pair.a < 0 ? missing(true) : QString());
    m_sideB->setPlaceholderText(pair.b < 0 ? missing(false) : QString());
}
