// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffwindow.h"

#include "diffdetailview.h"
#include "differencefilter.h"
#include "difffilesbar.h"
#include "diffmodel.h"
#include "diffoptionsbar.h"
#include "sidedelegate.h"

#include <QCheckBox>
#include <QDir>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

DiffWindow::DiffWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(new DiffModel(this))
    , m_proxy(new DifferenceFilter(this))
    , m_files(new DiffFilesBar(this))
    , m_options(new DiffOptionsBar(this))
    , m_onlyDifferences(new QCheckBox(tr("&Only differences"), this))
    , m_previous(new QPushButton(tr("&Previous difference"), this))
    , m_next(new QPushButton(tr("&Next difference"), this))
    , m_position(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new DiffDetailView(this))
{
    setWindowTitle(tr("Compare Recordings"));
    m_onlyDifferences->setObjectName(u"onlyDifferences"_s);
    m_previous->setObjectName(u"previousDifference"_s);
    m_next->setObjectName(u"nextDifference"_s);
    m_position->setObjectName(u"differencePosition"_s);
    m_summary->setObjectName(u"summary"_s);
    m_message->setObjectName(u"message"_s);
    resize(1100, 700);

    connect(m_files, &DiffFilesBar::compareRequested, this, &DiffWindow::compare);
    connect(m_files, &DiffFilesBar::swapRequested, this, &DiffWindow::swap);
    connect(m_options, &DiffOptionsBar::optionsChanged, this, &DiffWindow::rerun);
    m_onlyDifferences->setToolTip(tr("Hide the rows where A and B are equal"));
    connect(m_onlyDifferences, &QCheckBox::toggled, this, &DiffWindow::filterRows);
    m_previous->setToolTip(tr("Select the previous row that differs (Shift+F8)"));
    m_next->setToolTip(tr("Select the next row that differs (F8)"));
    connect(m_previous, &QPushButton::clicked, this, &DiffWindow::previousDifference);
    connect(m_next, &QPushButton::clicked, this, &DiffWindow::nextDifference);
    connect(new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8), this), &QShortcut::activated, this,
            &DiffWindow::previousDifference);
    connect(new QShortcut(QKeySequence(Qt::Key_F8), this), &QShortcut::activated, this, &DiffWindow::nextDifference);

    auto navigation = new QHBoxLayout;
    navigation->addWidget(m_onlyDifferences);
    navigation->addStretch(1);
    navigation->addWidget(m_position);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_next);

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

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({400, 220});

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_files);
    layout->addWidget(m_options);
    layout->addLayout(navigation);
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
    m_files->setFiles(a, b);
}

QString DiffWindow::fileA() const
{
    return m_files->fileA();
}

QString DiffWindow::fileB() const
{
    return m_files->fileB();
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
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
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
    if (m_error.isEmpty())
        m_model->setComparison(SessionComparison(std::move(events[0]), std::move(events[1]), m_options->options()));
    QGuiApplication::restoreOverrideCursor();
    m_loaded = m_error.isEmpty();
    m_loadedA = m_loaded ? paths[0] : QString();
    m_loadedB = m_loaded ? paths[1] : QString();
    if (!m_loaded) {
        m_model->clear();
        showError(m_error);
    } else {
        showWarnings(warnings);
    }
    m_table->setColumnHidden(DiffModel::DeltaColumn, !m_options->comparesTiming());
    updateSummary();
    updateNavigation();
    // Start at the first difference, or at the first row when they are equal.
    const qsizetype first = m_model->comparison().nextDifferingRow(-1);
    if (!m_loaded || !selectRow(first >= 0 ? int(first) : 0))
        showDetail(-1);
    else
        showDetail(currentRow());
    return m_loaded;
}

void DiffWindow::swap()
{
    m_files->swapFiles();
    if (!m_loaded)
        return;
    const SessionComparison &shown = m_model->comparison();
    const EventAlignment::Pair selected = shown.pair(currentRow());
    SessionComparison swapped(shown.eventsB(), shown.eventsA(), m_options->options());
    const qsizetype row = selected.b >= 0 ? swapped.rowOfA(selected.b) : swapped.rowOfB(selected.a);
    m_loadedA.swap(m_loadedB);
    m_model->setComparison(std::move(swapped));
    updateSummary();
    updateNavigation();
    selectRow(row >= 0 ? int(row) : 0);
    showDetail(currentRow());
}

void DiffWindow::setCompareTiming(bool compare)
{
    m_options->setCompareTiming(compare);
}

bool DiffWindow::comparesTiming() const
{
    return m_options->comparesTiming();
}

void DiffWindow::setToleranceMs(int milliseconds)
{
    m_options->setToleranceMs(milliseconds);
}

int DiffWindow::toleranceMs() const
{
    return m_options->toleranceMs();
}

void DiffWindow::setOnlyDifferences(bool only)
{
    m_onlyDifferences->setChecked(only);
}

bool DiffWindow::onlyDifferences() const
{
    return m_proxy->onlyDifferences();
}

void DiffWindow::filterRows(bool onlyDifferences)
{
    const int row = currentRow();
    m_proxy->setOnlyDifferences(onlyDifferences);
    // The selected pair stays selected; when it is hidden, the next difference takes its place.
    if (row >= 0 && !selectRow(row)) {
        const qsizetype next = m_model->comparison().nextDifferingRow(row);
        selectRow(int(next >= 0 ? next : m_model->comparison().previousDifferingRow(row)));
    }
    updateNavigation();
}

QSortFilterProxyModel *DiffWindow::proxyModel() const
{
    return m_proxy;
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

QPlainTextEdit *DiffWindow::detailA() const
{
    return m_detail->sideA();
}

QPlainTextEdit *DiffWindow::detailB() const
{
    return m_detail->sideB();
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
    selectRow(int(m_model->comparison().nextDifferingRow(currentRow())));
}

void DiffWindow::previousDifference()
{
    const int row = currentRow();
    selectRow(int(m_model->comparison().previousDifferingRow(row >= 0 ? row : m_model->rowCount())));
}

void DiffWindow::rerun()
{
    m_table->setColumnHidden(DiffModel::DeltaColumn, !m_options->comparesTiming());
    if (!m_loaded)
        return;
    // The pair selected stays selected, though the rows may pair events anew (ids ignored or not).
    const int shownRow = currentRow();
    const SessionComparison &shown = m_model->comparison();
    const EventAlignment::Pair selected = shown.pair(shownRow);
    SessionComparison comparison(shown.eventsA(), shown.eventsB(), m_options->options());
    const qsizetype row = selected.a >= 0 ? comparison.rowOfA(selected.a) : comparison.rowOfB(selected.b);
    m_model->setComparison(std::move(comparison));
    if (row >= 0 && row != currentRow() && !selectRow(int(row)))
        filterRows(m_proxy->onlyDifferences());
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
    if (!m_error.isEmpty())
        m_summary->clear();
    else if (!m_loaded)
        m_summary->setText(tr("Choose two recordings to compare."));
    else
        m_summary->setText(DiffText::summary(m_model->comparison()));
}

void DiffWindow::updateNavigation()
{
    const SessionComparison &comparison = m_model->comparison();
    const int row = currentRow();
    const qsizetype count = comparison.differingRowCount();
    m_previous->setEnabled(comparison.previousDifferingRow(row >= 0 ? row : m_model->rowCount()) >= 0);
    m_next->setEnabled(comparison.nextDifferingRow(row) >= 0);
    const qsizetype position = comparison.differingRowPosition(row);
    if (position >= 0)
        m_position->setText(tr("Differing row %1 of %2").arg(position + 1).arg(count));
    else if (count > 0)
        m_position->setText(count == 1 ? tr("1 row differs") : tr("%1 rows differ").arg(count));
    else
        m_position->clear();
}

void DiffWindow::showDetail(int row)
{
    m_detail->showRow(m_model->comparison(), row, m_loadedA, m_loadedB);
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
        {DiffModel::NumberColumn, digit * 9}, {DiffModel::TypeAColumn, digit * 12}, {DiffModel::IdAColumn, digit * 8},
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
    m_table->setColumnHidden(DiffModel::DeltaColumn, !m_options->comparesTiming());
}
