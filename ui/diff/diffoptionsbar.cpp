// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffoptionsbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int MaxToleranceMs = 3600000;
// Only what the user chose to leave out is remembered: pointers and a switch, nothing of the recordings.
const QString IgnoredFieldsKey = u"diff/ignoredFields"_s;
const QString IgnoreIdsKey = u"diff/ignoreIds"_s;

} // namespace

DiffOptionsBar::DiffOptionsBar(QWidget *parent)
    : QWidget(parent)
    , m_timing(new QCheckBox(tr("Compare &timing"), this))
    , m_tolerance(new QSpinBox(this))
    , m_ignoreIds(new QCheckBox(tr("Ignore i&ds"), this))
    , m_fields(new QLineEdit(this))
    , m_fieldsError(new QLabel(this))
{
    m_timing->setObjectName(u"compareTiming"_s);
    m_tolerance->setObjectName(u"tolerance"_s);
    m_ignoreIds->setObjectName(u"ignoreIds"_s);
    m_fields->setObjectName(u"ignoredFields"_s);
    m_fieldsError->setObjectName(u"ignoredFieldsError"_s);

    m_timing->setToolTip(tr("Also compare each event's time since the first event of its recording"));
    m_tolerance->setRange(0, MaxToleranceMs);
    m_tolerance->setSuffix(tr(" ms"));
    m_tolerance->setEnabled(false);
    m_tolerance->setToolTip(tr("A timing difference up to this is no difference"));
    auto toleranceLabel = new QLabel(tr("wit&hin"), this);
    toleranceLabel->setBuddy(m_tolerance);
    m_ignoreIds->setToolTip(tr("Neither compare the events' SSE ids nor pair events by them: event N of A is "
                               "compared with event N of B"));
    auto fieldsLabel = new QLabel(tr("Ignore &fields:"), this);
    fieldsLabel->setBuddy(m_fields);
    m_fields->setPlaceholderText(tr("JSON pointers, such as /id /created"));
    m_fields->setClearButtonEnabled(true);
    m_fields->setToolTip(tr("Fields of each event's data to leave out of the comparison, as JSON pointers "
                            "separated by spaces, such as /id, /created or /choices/0/delta/role. Data that is "
                            "JSON on both sides is then compared as JSON. Enter applies them."));
    m_fieldsError->setTextFormat(Qt::PlainText);
    m_fieldsError->setStyleSheet(u"QLabel { color: rgb(214, 48, 38); }"_s);
    m_fieldsError->hide();

    m_ignoreIds->setChecked(QSettings().value(IgnoreIdsKey, false).toBool());
    m_fields->setText(QSettings().value(IgnoredFieldsKey).toString());
    parseFields(m_fields->text());

    connect(m_timing, &QCheckBox::toggled, this, [this](bool on) {
        m_tolerance->setEnabled(on);
        Q_EMIT optionsChanged();
    });
    connect(m_tolerance, &QSpinBox::valueChanged, this, [this]() {
        if (m_timing->isChecked())
            Q_EMIT optionsChanged();
    });
    connect(m_ignoreIds, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(IgnoreIdsKey, on);
        Q_EMIT optionsChanged();
    });
    connect(m_fields, &QLineEdit::editingFinished, this, &DiffOptionsBar::applyFields);

    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_timing);
    layout->addWidget(toleranceLabel);
    layout->addWidget(m_tolerance);
    layout->addSpacing(16);
    layout->addWidget(m_ignoreIds);
    layout->addSpacing(16);
    layout->addWidget(fieldsLabel);
    layout->addWidget(m_fields, 1);
    layout->addWidget(m_fieldsError);
}

SessionDiff::Options DiffOptionsBar::options() const
{
    SessionDiff::Options options;
    options.compareTiming = m_timing->isChecked();
    options.toleranceMs = m_tolerance->value();
    options.ignoreId = m_ignoreIds->isChecked();
    options.ignoredFields = m_pointers;
    return options;
}

void DiffOptionsBar::setCompareTiming(bool compare)
{
    m_timing->setChecked(compare);
}

bool DiffOptionsBar::comparesTiming() const
{
    return m_timing->isChecked();
}

void DiffOptionsBar::setToleranceMs(int milliseconds)
{
    m_tolerance->setValue(milliseconds);
}

int DiffOptionsBar::toleranceMs() const
{
    return m_tolerance->value();
}

void DiffOptionsBar::setIgnoredFields(const QString &text)
{
    m_fields->setText(text);
    applyFields();
}

QString DiffOptionsBar::ignoredFields() const
{
    return m_appliedFields;
}

void DiffOptionsBar::setIgnoreIds(bool ignore)
{
    m_ignoreIds->setChecked(ignore);
}

bool DiffOptionsBar::ignoresIds() const
{
    return m_ignoreIds->isChecked();
}

QString DiffOptionsBar::fieldsError() const
{
    return m_fieldsError->text();
}

void DiffOptionsBar::applyFields()
{
    const QString text = m_fields->text().trimmed();
    if (text == m_appliedFields)
        return;
    parseFields(text);
    QSettings().setValue(IgnoredFieldsKey, text);
    Q_EMIT optionsChanged();
}

void DiffOptionsBar::parseFields(const QString &text)
{
    m_appliedFields = text.trimmed();
    m_pointers.clear();
    QStringList invalid;
    for (const QString &field : m_appliedFields.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (const std::optional<JsonPointer> pointer = JsonPointer::parse(field))
            m_pointers << *pointer;
        else
            invalid << field;
    }
    m_fieldsError->setText(
        invalid.isEmpty()
            ? QString()
            : tr("Not a JSON pointer: %1 (a pointer starts with /, such as /id)").arg(invalid.join(tr(", "))));
    m_fieldsError->setVisible(!invalid.isEmpty());
}
