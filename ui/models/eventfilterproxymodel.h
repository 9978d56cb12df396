// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/jsonfieldcache.h"
#include "log/streamlog.h"
#include "util/jsonfieldmatcher.h"
#include "util/jsonpointer.h"

#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <vector>

class EventListModel;

/**
 * The one proxy between a stream tab's table and its EventListModel: sorts on the raw values (numbers as
 * numbers) and filters by kind, text, event type and a JSON field. Every criterion narrows: a row is shown
 * when its kind is shown and it matches each filter that is set.
 */
class EventFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxyModel)

public:
    explicit EventFilterProxyModel(QObject *parent = nullptr);
    ~EventFilterProxyModel() override;

    /** Filters need an EventListModel; any other model is shown unfiltered. */
    void setSourceModel(QAbstractItemModel *model) override;

    /** Shows or hides the rows of a kind; events, comments, states and diagnostics are shown at first, chunks
     *  hidden. */
    void setKindVisible(StreamLog::Kind kind, bool visible);
    bool isKindVisible(StreamLog::Kind kind) const;

    /** Shows only rows whose data, type or id contains text (or matches it as a regular expression). */
    void setTextFilter(const QString &text, bool regularExpression, bool caseSensitive = false);
    QString textFilter() const { return m_text; }
    bool isRegularExpression() const { return m_regularExpression; }
    bool isCaseSensitive() const { return m_caseSensitive; }

    /** Hides the events of these types; types not in the set, including ones that arrive later, are shown. */
    void setHiddenTypes(const QSet<QByteArray> &types);
    const QSet<QByteArray> &hiddenTypes() const { return m_hiddenTypes; }

    /**
     * Shows only events whose data is a JSON object or array with a value at the RFC 6901 pointer that matches
     * value as mode says; an empty value asks only that the field exists. An empty pointer turns it off.
     */
    void setJsonFilter(const QString &pointer, const QString &value,
                       JsonFieldMatcher::Mode mode = JsonFieldMatcher::Mode::Equals, bool caseSensitive = true);
    QString jsonPointer() const { return m_pointerText; }
    QString jsonValue() const { return m_jsonMatcher.value(); }
    JsonFieldMatcher::Mode jsonMode() const { return m_jsonMatcher.mode(); }
    bool isJsonCaseSensitive() const { return m_jsonMatcher.isCaseSensitive(); }
    const JsonFieldMatcher &jsonMatcher() const { return m_jsonMatcher; }
    /** What the shown events that pass the other filters hold at the pointer, matching or nearly matching: to say
     *  why the JSON filter matches nothing. Empty while the JSON filter is off. */
    JsonFieldMatcher::Summary jsonSummary() const;

    /** True while changed criteria are being tried on many rows, a slice of time per turn of the event loop so
     *  that the window stays responsive; the rows shown change when all are decided. */
    bool isApplyingFilter() const { return m_deciding; }

    /** Why a filter matches nothing (a bad regular expression or pointer); empty when all are valid. */
    QString filterError() const;
    /** True when anything beyond the kinds is filtered. */
    bool isFiltering() const;

Q_SIGNALS:
    /** The criteria changed and the rows were filtered again. */
    void filterChanged();
    /** Changed criteria are being tried on the rows: done of total so far. */
    void filterProgress(qint64 done, qint64 total);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    /** Filters again: at once, or for many rows after deciding them in slices. */
    void refilter();
    /** Decides the next rows for a slice of time; filters when all are decided. */
    void decideSlice();
    void applyFilter();
    void stopDeciding();
    bool accepts(const StreamLog::Entry &entry) const;
    bool passesOtherFilters(const StreamLog::Entry &entry) const;
    bool matchesText(const StreamLog::Entry &entry) const;
    // What the pointer found in an event, with the whole value when the cache holds only its start.
    JsonField jsonField(const StreamLog::Entry &entry) const;

    EventListModel *m_source = nullptr;
    quint8 m_visibleKinds;
    QString m_text;
    QByteArray m_textUtf8;
    QRegularExpression m_regex;
    bool m_regularExpression = false;
    bool m_caseSensitive = false;
    bool m_textIsAscii = true;
    QSet<QByteArray> m_hiddenTypes;
    QString m_pointerText;
    std::optional<JsonPointer> m_pointer;
    JsonFieldMatcher m_jsonMatcher;
    JsonFieldCache m_jsonCache; // what the pointer found in each row
    QTimer m_slices; // zero-time: the next slice of rows to decide
    std::vector<bool> m_decided; // whether each row from m_decidedFirst on is shown, by sequence
    qint64 m_decidedFirst = -1; // -1: nothing decided ahead
    quint64 m_decidedGeneration = 0; // the log's numbering the sequences belong to
    bool m_deciding = false;
};
