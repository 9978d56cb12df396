// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class DiffDetailView;
class DiffFilesBar;
class DiffModel;
class DiffOptionsBar;
class DifferenceFilter;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

/**
 * Compare Recordings: two recordings' events side by side, paired by id or by position, the cells that differ
 * marked, a summary of what differs, a jump from difference to difference (F8, Shift+F8) and the selected pair
 * in full below. It compares as `ssescope diff` does, with the same options, and shows why a recording cannot
 * be read in the window itself.
 */
class DiffWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffWindow)

public:
    explicit DiffWindow(QWidget *parent = nullptr);
    ~DiffWindow() override;

    /** Loads both recordings and shows their comparison; false with *error (also shown) when one is unreadable. */
    bool compareFiles(const QString &a, const QString &b, QString *error = nullptr);
    /** Fills the file fields without comparing yet. */
    void setFiles(const QString &a, const QString &b);
    QString fileA() const;
    QString fileB() const;

    /** What is compared and what is left out; a change compares again. */
    DiffOptionsBar *optionsBar() const { return m_options; }
    /** Also compares each event's time since the first event, within the tolerance; re-runs the comparison. */
    void setCompareTiming(bool compare);
    bool comparesTiming() const;
    void setToleranceMs(int milliseconds);
    int toleranceMs() const;
    /** Hides the rows without a difference. */
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const;

    DiffModel *model() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const;
    QTableView *tableView() const { return m_table; }
    /** "Equal: 120 events in each" or "3 differences: 1 in data, 2 only in B — ..."; empty after an error. */
    QString summaryText() const;
    /** Why the last comparison failed; empty when it did not. */
    QString errorText() const;
    /** Notes that did not stop the comparison, such as a recording cut off at its end. */
    QString warningText() const;
    /** The selected pair in full: A's side and B's side. */
    QPlainTextEdit *detailA() const;
    QPlainTextEdit *detailB() const;
    /** The row (of the model, not the proxy) of the selected pair, or -1. */
    int currentRow() const;
    /** Selects a row of the model and scrolls to it; false when it is filtered out or does not exist. */
    bool selectRow(int row);

public Q_SLOTS:
    /** Compares the files named in the fields again, reading them anew. */
    bool compare();
    /** A becomes B and B becomes A. */
    void swap();
    void nextDifference();
    void previousDifference();

private:
    /** Compares the events loaded with the options as set, keeping the selected pair selected. */
    void rerun();
    void filterRows(bool onlyDifferences);
    void showError(const QString &message);
    void showWarnings(const QStringList &warnings);
    void updateSummary();
    void updateNavigation();
    void showDetail(int row);
    void applyColumnLayout();

    DiffModel *m_model;
    DifferenceFilter *m_proxy;
    DiffFilesBar *m_files;
    DiffOptionsBar *m_options;
    QCheckBox *m_onlyDifferences;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_position;
    QLabel *m_summary;
    QLabel *m_message;
    QTableView *m_table;
    DiffDetailView *m_detail;
    QString m_loadedA; // the files the rows come from
    QString m_loadedB;
    QString m_error;
    QStringList m_warnings;
    bool m_loaded = false;
};
