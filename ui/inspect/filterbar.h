// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/streamlog.h"
#include "util/jsonfieldmatcher.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

class EventFilterProxyModel;
class EventListModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

/**
 * The bar over a stream tab's table: text search (plain or regular expression), event types, the kinds of
 * rows shown, a JSON field filter (contains, equals, regular expression or exists), what is wrong with a
 * filter, why a JSON filter matches nothing when values come close, and how many rows are shown. Typing is
 * applied after a short pause so that large tables stay responsive.
 */
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    /** The pause after the last keystroke before typed text filters, in ms. */
    static constexpr int DebounceMs = 150;
    /** While rows stream in, why the JSON filter matches nothing is looked for again at most this often, in ms. */
    static constexpr int HintMs = 500;
    /** The Types menu lists at most this many types. */
    static constexpr int MaxTypes = 200;

    explicit FilterBar(EventFilterProxyModel *proxy, EventListModel *source, QWidget *parent = nullptr);
    ~FilterBar() override;

    /** Puts the cursor in the search field, its text selected. */
    void focusSearch();
    /** Fills the JSON field filter and applies it at once. */
    void setJsonFilter(const QString &pointer, const QString &value,
                       JsonFieldMatcher::Mode mode = JsonFieldMatcher::Mode::Equals);
    /** Shows or hides the events of one type. */
    void setTypeVisible(const QByteArray &type, bool visible);
    /** Applies typed text now rather than after the pause. */
    void applyNow();

    /** The event types seen so far, in order of arrival. */
    const QList<QByteArray> &knownTypes() const { return m_types; }
    QLineEdit *searchEdit() const { return m_search; }
    QToolButton *regexToggle() const { return m_regex; }
    QToolButton *caseToggle() const { return m_caseSensitive; }
    QToolButton *typesButton() const { return m_typesButton; }
    QMenu *typesMenu() const { return m_typesMenu; }
    /** The toggle for comments, states, chunks or diagnostics; events have none. */
    QToolButton *kindToggle(StreamLog::Kind kind) const;
    QLineEdit *pointerEdit() const { return m_pointer; }
    QLineEdit *valueEdit() const { return m_value; }
    /** How the JSON value is compared; its items hold JsonFieldMatcher::Mode values. */
    QComboBox *jsonModeBox() const { return m_jsonMode; }
    QToolButton *jsonCaseToggle() const { return m_jsonCase; }
    QLabel *errorLabel() const { return m_error; }
    /** Why the JSON filter matches nothing, when values come close; hidden otherwise. */
    QLabel *hintLabel() const { return m_hint; }
    QLabel *countLabel() const { return m_count; }

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void collectTypes(int first, int last);
    void fillTypesMenu();
    void updateTypesButton();
    void showError();
    void showHint(bool now);
    void showCount();
    void updateJsonControls();
    void colorError();

    EventFilterProxyModel *m_proxy;
    EventListModel *m_source;
    QLineEdit *m_search;
    QToolButton *m_regex;
    QToolButton *m_caseSensitive;
    QToolButton *m_typesButton;
    QMenu *m_typesMenu;
    QToolButton *m_comments;
    QToolButton *m_states;
    QToolButton *m_chunks;
    QToolButton *m_diagnostics;
    QLineEdit *m_pointer;
    QComboBox *m_jsonMode;
    QLineEdit *m_value;
    QToolButton *m_jsonCase;
    QLabel *m_errorIcon;
    QLabel *m_error;
    QLabel *m_hint;
    QLabel *m_count;
    QTimer m_debounce;
    QTimer m_countTimer;
    QTimer m_hintTimer;
    QList<QByteArray> m_types;
    QSet<QByteArray> m_typeSet;
    QSet<QByteArray> m_hiddenTypes;
    int m_hintRows = -1; // the rows the hint was found for; -1: find it again
};
