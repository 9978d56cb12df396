// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/sessiondiff.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/**
 * What a comparison compares: timing within a tolerance, and what it leaves out, the SSE ids and fields of
 * JSON data named by JSON pointers. What is left out is remembered for the next Compare window.
 */
class DiffOptionsBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffOptionsBar)

public:
    explicit DiffOptionsBar(QWidget *parent = nullptr);

    /** The options as set; of the fields, only those named by a JSON pointer (fieldsError() names the rest). */
    SessionDiff::Options options() const;

    void setCompareTiming(bool compare);
    bool comparesTiming() const;
    void setToleranceMs(int milliseconds);
    int toleranceMs() const;
    /** Fields to leave out, JSON pointers separated by spaces as typed; applied at once. */
    void setIgnoredFields(const QString &text);
    QString ignoredFields() const;
    void setIgnoreIds(bool ignore);
    bool ignoresIds() const;
    /** Why some of the fields typed are not used; empty when all are. */
    QString fieldsError() const;

Q_SIGNALS:
    /** The options changed: the comparison is due again. */
    void optionsChanged();

private:
    /** Takes the fields typed, when they changed: parses, remembers and announces them. */
    void applyFields();
    void parseFields(const QString &text);

    QCheckBox *m_timing;
    QSpinBox *m_tolerance;
    QCheckBox *m_ignoreIds;
    QLineEdit *m_fields;
    QLabel *m_fieldsError;
    QList<JsonPointer> m_pointers;
    QString m_appliedFields;
};
