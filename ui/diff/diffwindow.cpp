// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffwindow.h"

#include "diffmodel.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

using Kind = SessionDiff::Difference::Kind;

constexpr int MaxToleranceMs = 3600000;
constexpr qsizetype MaxLineMarks = 5000;

// The rows that differ, when the user asks for those only.
class DifferenceFilter final : public QSortFilterProxyModel
{
    Q_DISABLE_COPY_MOVE(DifferenceFilter)

public:
    explicit DifferenceFilter(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
    }

    void setOnlyDifferences(bool only)
    {
        if (only == m_only)
            return;
        m_only = only;
        invalidateFilter();
    }
    bool onlyDifferences() const { return m_only; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        Q_UNUSED(sourceParent)
        return !m_only || static_cast<const DiffModel *>(sourceModel())->rowDiffers(sourceRow);
    }

private:
    bool m_only = false;
};

class WaitCursor final
{
public:
    WaitCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~WaitCursor() { QGuiApplication::restoreOverrideCursor(); }
    WaitCursor(const WaitCursor &) = delete;
    WaitCursor &operator=(const WaitCursor &) = delete;
};

QString eventsText(qsizetype count)
{
    return count == 1 ? DiffWindow::tr("1 event") : DiffWindow::tr("%1 events").arg(count);
}

QString differencesText(qsizetype count)
{
    return count == 1 ? DiffWindow::tr("1 difference") : DiffWindow::tr("%1 differences").arg(count);
}

// A line between A's columns and B's, and before Δt, so the two sides read as two.
class SideDelegate final : public QStyledItemDelegate
{
    Q_DISABLE_COPY_MOVE(SideDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.column() != DiffModel::TypeBColumn && index.column() != DiffModel::DeltaColumn)
            return;
        QColor line = option.palette.color(QPalette::Text);
        line.setAlpha(110);
        painter->save();
        painter->setPen(QPen(line, 1));
        painter->drawLine(option.rect.topLeft(), option.rect.bottomLeft());
        painter->restore();
    }
};

void showSide(QPlainTextEdit *edit, const DiffModel::SideDetail &side)
{
    edit->setPlainText(side.text);
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument *document = edit->document();
    for (const auto &[first, last] : side.markedLines) {
        for (int line = first; line <= last; ++line) {
            // A mark without a selected range spans the whole width of its line, the way a changed line reads in
            // a diff; past the limit, the rest of the run is marked as one range, only as wide as its text.
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(DiffModel::markColor(side.mark));
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
int firstMarkedDataLine(const DiffModel::SideDetail &side)
{
    constexpr int FirstDataLine = 4;
    for (const auto &[first, last] : side.markedLines) {
        if (last >= FirstDataLine)
            return qMax(first, FirstDataLine);
    }
    return -1;
}

QPlainTextEdit *detailEdit(QWidget *parent)
{
    auto edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

DiffWindow::DiffWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(new DiffModel(this))
    , m_proxy(new DifferenceFilter(this))
    , m_pathA(new QLineEdit(this))
    , m_pathB(new QLineEdit(this))
    , m_timing(new QCheckBox(tr("Compare &timing"), this))
    , m_tolerance(new QSpinBox(this))
    , m_onlyDifferences(new QCheckBox(tr("&Only differences"), this))
    , m_previous(new QPushButton(tr("&Previous difference"), this))
    , m_next(new QPushButton(tr("&Next difference"), this))
    , m_position(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_titleA(new QLabel(this))
    , m_titleB(new QLabel(this))
    , m_detailA(detailEdit(this))
    , m_detailB(detailEdit(this))
{
    setWindowTitle(tr("Compare Recordings"));
    m_timing->setObjectName(u"compareTiming"_s);
    m_tolerance->setObjectName(u"tolerance"_s);
    m_onlyDifferences->setObjectName(u"onlyDifferences"_s);
    m_previous->setObjectName(u"previousDifference"_s);
    m_next->setObjectName(u"nextDifference"_s);
    m_position->setObjectName(u"differencePosition"_s);
    m_summary->setObjectName(u"summary"_s);
    m_message->setObjectName(u"message"_s);
    resize(1100, 700);

    auto files = new QGridLayout;
    const auto addFileRow = [&](int row, const QString &label, QLineEdit *field, const QString &title) {
        auto name = new QLabel(label, this);
        name->setBuddy(field);
        field->setPlaceholderText(tr("A recording (.sserec)"));
        field->setClearButtonEnabled(true);
        connect(field, &QLineEdit::returnPressed, this, &DiffWindow::compare);
        auto browseButton = new QPushButton(tr("Browse…"), this);
        connect(browseButton, &QPushButton::clicked, this, [this, field, title]() { browse(field, title); });
        files->addWidget(name, row, 0);
        files->addWidget(field, row, 1);
        files->addWidget(browseButton, row, 2);
    };
    addFileRow(0, tr("&A:"), m_pathA, tr("Open Recording A"));
    addFileRow(1, tr("&B:"), m_pathB, tr("Open Recording B"));
    auto swapButton = new QPushButton(tr("&Swap"), this);
    swapButton->setToolTip(tr("Compare B with A: A becomes B and B becomes A"));
    connect(swapButton, &QPushButton::clicked, this, &DiffWindow::swap);
    auto compareButton = new QPushButton(tr("&Compare"), this);
    compareButton->setToolTip(tr("Read both recordings again and compare them"));
    connect(compareButton, &QPushButton::clicked, this, &DiffWindow::compare);
    files->addWidget(swapButton, 0, 3);
    files->addWidget(compareButton, 1, 3);
    files->setColumnStretch(1, 1);

    m_timing->setToolTip(tr("Also compare each event's time since the first event of its recording"));
    m_tolerance->setRange(0, MaxToleranceMs);
    m_tolerance->setSuffix(tr(" ms"));
    m_tolerance->setEnabled(false);
    m_tolerance->setToolTip(tr("A timing difference up to this is no difference"));
    auto toleranceLabel = new QLabel(tr("wit&hin"), this);
    toleranceLabel->setBuddy(m_tolerance);
    connect(m_timing, &QCheckBox::toggled, this, [this](bool on) {
        m_tolerance->setEnabled(on);
        rerun();
    });
    connect(m_tolerance, &QSpinBox::valueChanged, this, [this]() {
        if (m_timing->isChecked())
            rerun();
    });
    m_onlyDifferences->setToolTip(tr("Hide the rows where A and B are equal"));
    connect(m_onlyDifferences, &QCheckBox::toggled, this, &DiffWindow::filterRows);
    m_previous->setToolTip(tr("Select the previous row that differs (Shift+F8)"));
    m_next->setToolTip(tr("Select the next row that differs (F8)"));
    connect(m_previous, &QPushButton::clicked, this, &DiffWindow::previousDifference);
    connect(m_next, &QPushButton::clicked, this, &DiffWindow::nextDifference);
    connect(new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8), this), &QShortcut::activated, this,
            &DiffWindow::previousDifference);
    connect(new QShortcut(QKeySequence(Qt::Key_F8), this), &QShortcut::activated, this, &DiffWindow::nextDifference);

    auto options = new QHBoxLayout;
    options->addWidget(m_timing);
    options->addWidget(toleranceLabel);
    options->addWidget(m_tolerance);
    options->addSpacing(16);
    options->addWidget(m_onlyDifferences);
    options->addStretch(1);
    options->addWidget(m_position);
    options->addWidget(m_previous);
    options->addWidget(m_next);

    QFont summaryFont = m_summary->font();
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setItemDelegate(new SideDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    applyColumnLayout();
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this]() {
        showDetail(currentRow());
        updateNavigation();
    });

    auto detail = new QWidget(this);
    auto detailLayout = new QGridLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_titleA, 0, 0);
    detailLayout->addWidget(m_titleB, 0, 1);
    detailLayout->addWidget(m_detailA, 1, 0);
    detailLayout->addWidget(m_detailB, 1, 1);
    // Pairs are mostly alike in length: scrolling one side scrolls the other, so the fields stay level.
    connect(m_detailA->verticalScrollBar(), &QScrollBar::valueChanged, m_detailB->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_detailB->verticalScrollBar(), &QScrollBar::valueChanged, m_detailA->verticalScrollBar(),
            &QScrollBar::setValue);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({400, 220});

    auto layout = new QVBoxLayout(this);
    layout->addLayout(files);
    layout->addLayout(options);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    updateSummary();
    updateNavigation();
    showDetail(-1);
}

DiffWindow::~DiffWindow() = default;

void DiffWindow::setFiles(const QString &a, const QString &b)
{
    m_pathA->setText(QDir::toNativeSeparators(a));
    m_pathB->setText(QDir::toNativeSeparators(b));
}

QString DiffWindow::fileA() const
{
    return QDir::fromNativeSeparators(m_pathA->text().trimmed());
}

QString DiffWindow::fileB() const
{
    return QDir::fromNativeSeparators(m_pathB->text().trimmed());
}

bool DiffWindow::compareFiles(const QString &a, const QString &b, QString *error)
{
    setFiles(a, b);
    const bool ok = compare();
    if (error)
        *error = m_error;
    return ok;
}

bool DiffWindow::compare()
{
    const QString paths[2] = {fileA(), fileB()};
    const QString sides[2] = {tr("A"), tr("B")};
    QList<RecordedEvent> events[2];
    QStringList warnings;
    m_error.clear();
    {
        WaitCursor wait;
        for (int i = 0; i < 2 && m_error.isEmpty(); ++i) {
            if (paths[i].isEmpty()) {
                m_error = tr("Choose recording %1 to compare.").arg(sides[i]);
                break;
            }
            QString message;
            QStringList sideWarnings;
            events[i] = SessionDiff::loadEvents(paths[i], &message, &sideWarnings);
            for (const QString &warning : std::as_const(sideWarnings))
                warnings << tr("Recording %1: %2").arg(sides[i], warning);
            if (!message.isEmpty()) {
                const QString shownPath = QDir::toNativeSeparators(paths[i]);
                m_error = message.contains(paths[i]) || message.contains(shownPath)
                    ? tr("Recording %1: %2").arg(sides[i], message)
                    : tr("Recording %1 (%2): %3").arg(sides[i], shownPath, message);
            }
        }
        if (m_error.isEmpty()) {
            m_loadedA = paths[0];
            m_loadedB = paths[1];
            m_model->setRecordings(std::move(events[0]), std::move(events[1]));
        }
    }
    if (!m_error.isEmpty()) {
        m_loaded = false;
        m_loadedA.clear();
        m_loadedB.clear();
        m_model->clear();
        showError(m_error);
        updateSummary();
        updateNavigation();
        showDetail(-1);
        return false;
    }
    m_loaded = true;
    showWarnings(warnings);
    rerun();
    // Start at the first difference, or at the first row when they are equal.
    const int first = m_model->nextDifferingRow(-1);
    selectRow(first >= 0 ? first : 0);
    return true;
}

void DiffWindow::swap()
{
    const QString a = m_pathA->text();
    m_pathA->setText(m_pathB->text());
    m_pathB->setText(a);
    if (!m_loaded)
        return;
    const int row = currentRow();
    QList<RecordedEvent> eventsA = m_model->eventsA();
    QList<RecordedEvent> eventsB = m_model->eventsB();
    m_loadedA.swap(m_loadedB);
    m_model->setRecordings(std::move(eventsB), std::move(eventsA));
    rerun();
    selectRow(row >= 0 ? row : 0);
}

void DiffWindow::browse(QLineEdit *field, const QString &title)
{
    const QString current = QDir::fromNativeSeparators(field->text().trimmed());
    const QString directory = current.isEmpty() ? QString() : QFileInfo(current).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, title, directory, tr("SSE Scope recordings (*.sserec);;All files (*)"));
    if (path.isEmpty())
        return;
    field->setText(QDir::toNativeSeparators(path));
    if (!fileA().isEmpty() && !fileB().isEmpty())
        compare();
}

void DiffWindow::setCompareTiming(bool compare)
{
    m_timing->setChecked(compare);
}

bool DiffWindow::comparesTiming() const
{
    return m_timing->isChecked();
}

void DiffWindow::setToleranceMs(int milliseconds)
{
    m_tolerance->setValue(milliseconds);
}

int DiffWindow::toleranceMs() const
{
    return m_tolerance->value();
}

void DiffWindow::setOnlyDifferences(bool only)
{
    m_onlyDifferences->setChecked(only);
}

void DiffWindow::filterRows(bool onlyDifferences)
{
    const int row = currentRow();
    static_cast<DifferenceFilter *>(m_proxy)->setOnlyDifferences(onlyDifferences);
    // The selected pair stays selected; when it is hidden, the next difference takes its place.
    if (row >= 0 && !selectRow(row)) {
        const int next = m_model->nextDifferingRow(row);
        selectRow(next >= 0 ? next : m_model->previousDifferingRow(row));
    }
    updateNavigation();
}

bool DiffWindow::onlyDifferences() const
{
    return static_cast<const DifferenceFilter *>(m_proxy)->onlyDifferences();
}

QString DiffWindow::summaryText() const
{
    return m_summary->text();
}

QString DiffWindow::errorText() const
{
    return m_error;
}

QString DiffWindow::warningText() const
{
    return m_warnings.join(u'\n');
}

int DiffWindow::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

bool DiffWindow::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void DiffWindow::nextDifference()
{
    selectRow(m_model->nextDifferingRow(currentRow()));
}

void DiffWindow::previousDifference()
{
    const int row = currentRow();
    selectRow(m_model->previousDifferingRow(row >= 0 ? row : m_model->rowCount()));
}

void DiffWindow::rerun()
{
    m_table->setColumnHidden(DiffModel::DeltaColumn, !m_timing->isChecked());
    if (!m_loaded)
        return;
    SessionDiff::Options options;
    options.compareTiming = m_timing->isChecked();
    options.toleranceMs = m_tolerance->value();
    m_model->setDifferences(SessionDiff::compare(m_model->eventsA(), m_model->eventsB(), options), options);
    updateSummary();
    updateNavigation();
    showDetail(currentRow());
}

void DiffWindow::showError(const QString &message)
{
    m_warnings.clear();
    m_message->setStyleSheet(u"QLabel { background: rgba(235, 64, 52, 40); border: 1px solid rgba(235, 64, 52, 160);"
                             " border-radius: 3px; padding: 4px 6px; }"_s);
    m_message->setText(message);
    m_message->show();
}

void DiffWindow::showWarnings(const QStringList &warnings)
{
    m_warnings = warnings;
    m_message->setVisible(!warnings.isEmpty());
    m_message->setStyleSheet(u"QLabel { background: rgba(255, 170, 0, 40); border: 1px solid rgba(255, 170, 0, 160);"
                             " border-radius: 3px; padding: 4px 6px; }"_s);
    m_message->setText(warnings.join(u'\n'));
}

void DiffWindow::updateSummary()
{
    m_summary->setVisible(m_error.isEmpty());
    if (!m_error.isEmpty()) {
        m_summary->clear();
        return;
    }
    if (!m_loaded) {
        m_summary->setText(tr("Choose two recordings to compare."));
        return;
    }
    const QList<SessionDiff::Difference> &differences = m_model->differences();
    const qsizetype countA = m_model->eventsA().size();
    const qsizetype countB = m_model->eventsB().size();
    if (differences.isEmpty()) {
        QString text = tr("Equal: %1 in each").arg(eventsText(countA));
        if (m_model->options().compareTiming)
            text += tr(", timing within %1 ms").arg(m_model->options().toleranceMs);
        m_summary->setText(text);
        return;
    }
    qsizetype counts[int(Kind::OnlyInB) + 1] = {};
    for (const SessionDiff::Difference &difference : differences)
        ++counts[int(difference.kind)];
    QStringList parts;
    for (const Kind kind : {Kind::Type, Kind::Data, Kind::Id, Kind::Timing, Kind::OnlyInA, Kind::OnlyInB}) {
        const qsizetype count = counts[int(kind)];
        if (count == 0)
            continue;
        if (kind == Kind::OnlyInA)
            parts << tr("%1 only in A").arg(count);
        else if (kind == Kind::OnlyInB)
            parts << tr("%1 only in B").arg(count);
        else
            parts << tr("%1 in %2").arg(count).arg(DiffModel::kindText(kind));
    }
    m_summary->setText(
        tr("%1: %2 (A has %3, B has %4)")
            .arg(differencesText(differences.size()), parts.join(tr(", ")), eventsText(countA), eventsText(countB)));
}

void DiffWindow::updateNavigation()
{
    const int row = currentRow();
    const int count = m_model->differingRowCount();
    m_previous->setEnabled(m_model->previousDifferingRow(row >= 0 ? row : m_model->rowCount()) >= 0);
    m_next->setEnabled(m_model->nextDifferingRow(row) >= 0);
    const int position = m_model->differingRowPosition(row);
    if (position >= 0)
        m_position->setText(tr("Differing row %1 of %2").arg(position + 1).arg(count));
    else if (count > 0)
        m_position->setText(count == 1 ? tr("1 row differs") : tr("%1 rows differ").arg(count));
    else
        m_position->clear();
}

void DiffWindow::showDetail(int row)
{
    const qsizetype countA = m_model->eventsA().size();
    const qsizetype countB = m_model->eventsB().size();
    const auto title = [&](const QString &side, qsizetype count, const QString &file) {
        const QString name = QFileInfo(file).fileName();
        if (row < 0)
            return name.isEmpty() ? side : tr("%1: %2").arg(side, name);
        if (row >= count)
            return tr("%1: no event %2 in %3").arg(side).arg(row + 1).arg(name);
        return tr("%1: event %2 of %3 in %4").arg(side).arg(row + 1).arg(count).arg(name);
    };
    m_titleA->setText(title(tr("A"), countA, m_loadedA));
    m_titleB->setText(title(tr("B"), countB, m_loadedB));
    const auto [a, b] = m_model->detail(row);
    showSide(m_detailA, a);
    showSide(m_detailB, b);
    // Long data opens where it starts to differ; the other side follows (their scroll bars are coupled).
    const int lineA = firstMarkedDataLine(a);
    QPlainTextEdit *edit = lineA >= 0 ? m_detailA : m_detailB;
    const int line = lineA >= 0 ? lineA : firstMarkedDataLine(b);
    if (line >= 0) {
        edit->setTextCursor(QTextCursor(edit->document()->findBlockByNumber(line)));
        if (edit->isVisible() && edit->cursorRect().bottom() >= edit->viewport()->height())
            edit->centerCursor();
        // centerCursor() moves the scroll bar without a signal: the other side is told here.
        QPlainTextEdit *other = edit == m_detailA ? m_detailB : m_detailA;
        other->verticalScrollBar()->setValue(edit->verticalScrollBar()->value());
    }
    const auto missing = [&](const QString &side, qsizetype count) {
        if (row < 0)
            return m_model->rowCount() > 0 ? tr("Select a row to see both events in full.") : QString();
        return tr("%1 has no event %2: it ends after %3.").arg(side).arg(row + 1).arg(eventsText(count));
    };
    m_detailA->setPlaceholderText(missing(tr("A"), countA));
    m_detailB->setPlaceholderText(missing(tr("B"), countB));
}

void DiffWindow::applyColumnLayout()
{
    QHeaderView *header = m_table->horizontalHeader();
    if (header->count() != DiffModel::ColumnCount)
        return;
    header->setHighlightSections(false);
    header->setMinimumSectionSize(32);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    const struct
    {
        int column;
        int width; // 0: shares the free width with the other data column
    } layout[] = {
        {DiffModel::NumberColumn, digit * 7}, {DiffModel::TypeAColumn, digit * 12}, {DiffModel::IdAColumn, digit * 8},
        {DiffModel::DataAColumn, 0},          {DiffModel::TypeBColumn, digit * 12}, {DiffModel::IdBColumn, digit * 8},
        {DiffModel::DataBColumn, 0},          {DiffModel::DeltaColumn, digit * 11},
    };
    for (const auto &[column, width] : layout) {
        if (width == 0) {
            header->setSectionResizeMode(column, QHeaderView::Stretch);
        } else {
            header->setSectionResizeMode(column, QHeaderView::Interactive);
            header->resizeSection(column, width);
        }
    }
    header->setStretchLastSection(false);
    m_table->setColumnHidden(DiffModel::DeltaColumn, !m_timing->isChecked());
}
