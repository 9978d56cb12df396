// SPDX-License-Identifier: GPL-3.0-or-later
#include "policiespanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <climits>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int MaxMs = 24 * 3600 * 1000; // a day
constexpr int MaxKiB = 1 << 20; // 1 GiB

QSpinBox *spinBox(QWidget *parent, int maximum, const QString &suffix, const QString &zeroText = {})
{
    auto box = new QSpinBox(parent);
    box->setRange(0, maximum);
    box->setSuffix(suffix);
    box->setSpecialValueText(zeroText);
    box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    return box;
}

int clampInt(qint64 value)
{
    return int(qBound(qint64(0), value, qint64(INT_MAX)));
}

QString joinList(const QList<QByteArray> &items)
{
    QStringList texts;
    for (const QByteArray &item : items)
        texts << QString::fromUtf8(item);
    return texts.join(u", "_s);
}

// A labelled widget with the same tooltip on both, so hovering the label explains the field too.
void addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &toolTip)
{
    field->setToolTip(toolTip);
    form->addRow(label, field);
    if (QWidget *labelWidget = form->labelForField(field))
        labelWidget->setToolTip(toolTip);
}

QFormLayout *formIn(QGroupBox *group)
{
    auto form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

} // namespace

PoliciesPanel::PoliciesPanel(QWidget *parent)
    : QWidget(parent)
    , m_reconnect(new QCheckBox(tr("Reconnect when the stream ends"), this))
    , m_initialDelay(spinBox(this, MaxMs, tr(" ms")))
    , m_maxDelay(spinBox(this, MaxMs, tr(" ms")))
    , m_resetAfter(spinBox(this, MaxMs, tr(" ms")))
    , m_retryServerErrors(new QCheckBox(tr("Retry 5xx answers"), this))
    , m_reconnectPost(new QCheckBox(tr("Reconnect POST and other unsafe methods"), this))
    , m_maxAttempts(spinBox(this, 1000000, QString(), tr("no limit")))
    , m_idleTimeout(spinBox(this, MaxMs, tr(" ms"), tr("never")))
    , m_stopTypes(new QLineEdit(this))
    , m_stopData(new QLineEdit(this))
    , m_maxEvents(spinBox(this, INT_MAX, QString(), tr("no limit")))
    , m_maxLine(spinBox(this, MaxKiB, tr(" KiB")))
    , m_maxEvent(spinBox(this, MaxKiB, tr(" KiB")))
    , m_overflow(new QComboBox(this))
{
    m_maxLine->setMinimum(1);
    m_maxEvent->setMinimum(1);
    m_stopTypes->setPlaceholderText(tr("e.g. message_stop, done"));
    m_stopData->setPlaceholderText(tr("e.g. [DONE]"));
    m_stopTypes->setClearButtonEnabled(true);
    m_stopData->setClearButtonEnabled(true);
    m_overflow->addItem(tr("Fail the stream"), int(SseParserLimits::Overflow::Fail));
    m_overflow->addItem(tr("Skip the event"), int(SseParserLimits::Overflow::SkipEvent));

    auto reconnect = new QGroupBox(tr("Reconnect"), this);
    QFormLayout *form = formIn(reconnect);
    m_reconnect->setToolTip(tr("When an open stream ends or breaks, connect again after the reconnection time "
                               "and send the last event ID, as EventSource does"));
    form->addRow(m_reconnect);
    addRow(form, tr("First delay:"), m_initialDelay,
           tr("The reconnection time until the server sends retry:. Later attempts double it, with jitter"));
    addRow(form, tr("Longest delay:"), m_maxDelay, tr("The cap of the exponential backoff between attempts"));
    addRow(form, tr("Reset after:"), m_resetAfter,
           tr("A stream that stays open this long starts the backoff again from the first delay"));
    addRow(form, tr("Attempts:"), m_maxAttempts,
           tr("Connection attempts in all, the first included; then the session fails"));
    addRow(form, tr("Idle timeout:"), m_idleTimeout,
           tr("End the connection when no byte arrives for this long. Heartbeat comments count as bytes"));
    m_retryServerErrors->setToolTip(tr("EventSource gives up on any status but 200. With this, 5xx answers "
                                       "(503 above all) are retried with the backoff, honouring Retry-After"));
    form->addRow(m_retryServerErrors);
    m_reconnectPost->setToolTip(tr("A POST is sent again, body included, on every reconnect: an LLM request "
                                   "would be paid for again. Off, a POST session ends with its stream"));
    form->addRow(m_reconnectPost);

    auto stop = new QGroupBox(tr("Stop after"), this);
    form = formIn(stop);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addRow(form, tr("Event types:"), m_stopTypes,
           tr("End the session after an event of one of these types (comma-separated), such as message_stop"));
    addRow(form, tr("Data values:"), m_stopData,
           tr("End the session after an event whose whole data is one of these (comma-separated), such as [DONE]"));
    addRow(form, tr("Events:"), m_maxEvents, tr("End the session after this many events"));

    auto limits = new QGroupBox(tr("Parser limits"), this);
    form = formIn(limits);
    addRow(form, tr("Line:"), m_maxLine,
           tr("The longest line the parser accepts (1024 KiB = 1 MiB). A stream that never ends a line cannot "
              "eat all memory"));
    addRow(form, tr("Event data:"), m_maxEvent, tr("The most data one event may collect over all its lines"));
    addRow(form, tr("Over a limit:"), m_overflow,
           tr("Fail: report it and end the stream. Skip: report it, drop that event and go on at the next one"));

    auto right = new QVBoxLayout;
    right->addWidget(stop);
    right->addWidget(limits);
    right->addStretch();
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(reconnect, 0, Qt::AlignTop);
    layout->addLayout(right, 1);

    for (QCheckBox *box : {m_reconnect, m_retryServerErrors, m_reconnectPost})
        connect(box, &QCheckBox::toggled, this, &PoliciesPanel::policiesChanged);
    for (QSpinBox *box :
         {m_initialDelay, m_maxDelay, m_resetAfter, m_maxAttempts, m_idleTimeout, m_maxEvents, m_maxLine, m_maxEvent})
        connect(box, &QSpinBox::valueChanged, this, &PoliciesPanel::policiesChanged);
    for (QLineEdit *edit : {m_stopTypes, m_stopData})
        connect(edit, &QLineEdit::textChanged, this, &PoliciesPanel::policiesChanged);
    connect(m_overflow, &QComboBox::currentIndexChanged, this, &PoliciesPanel::policiesChanged);
    connect(m_reconnect, &QCheckBox::toggled, this, &PoliciesPanel::updateEnabled);
    setRequest(StreamRequest());
}

void PoliciesPanel::setRequest(const StreamRequest &request)
{
    const ReconnectPolicy &policy = request.reconnect;
    m_reconnect->setChecked(policy.enabled);
    m_initialDelay->setValue(clampInt(policy.initialDelayMs));
    m_maxDelay->setValue(clampInt(policy.maxDelayMs));
    m_resetAfter->setValue(clampInt(policy.resetAfterMs));
    m_retryServerErrors->setChecked(policy.retryServerErrors);
    m_reconnectPost->setChecked(policy.reconnectPost);
    m_maxAttempts->setValue(policy.maxAttempts);
    m_idleTimeout->setValue(clampInt(policy.idleTimeoutMs));
    m_stopTypes->setText(joinList(request.stop.eventTypes));
    m_stopData->setText(joinList(request.stop.dataValues));
    m_maxEvents->setValue(clampInt(request.stop.maxEvents));
    // KiB, rounded up so that a limit never shrinks by being shown.
    m_maxLine->setValue(clampInt((request.limits.maxLineLength + 1023) / 1024));
    m_maxEvent->setValue(clampInt((request.limits.maxEventSize + 1023) / 1024));
    m_overflow->setCurrentIndex(m_overflow->findData(int(request.limits.overflow)));
    updateEnabled();
}

void PoliciesPanel::applyTo(StreamRequest &request) const
{
    ReconnectPolicy &policy = request.reconnect;
    policy.enabled = m_reconnect->isChecked();
    policy.initialDelayMs = m_initialDelay->value();
    policy.maxDelayMs = m_maxDelay->value();
    policy.resetAfterMs = m_resetAfter->value();
    policy.retryServerErrors = m_retryServerErrors->isChecked();
    policy.reconnectPost = m_reconnectPost->isChecked();
    policy.maxAttempts = m_maxAttempts->value();
    policy.idleTimeoutMs = m_idleTimeout->value();
    request.stop.eventTypes = splitList(m_stopTypes->text());
    request.stop.dataValues = splitList(m_stopData->text());
    request.stop.maxEvents = m_maxEvents->value();
    // A limit shown in KiB keeps its exact byte value while the field is not changed.
    const auto bytes = [](const QSpinBox *box, qint64 current) {
        return (current + 1023) / 1024 == box->value() ? current : qint64(box->value()) * 1024;
    };
    request.limits.maxLineLength = bytes(m_maxLine, request.limits.maxLineLength);
    request.limits.maxEventSize = bytes(m_maxEvent, request.limits.maxEventSize);
    request.limits.overflow = SseParserLimits::Overflow(m_overflow->currentData().toInt());
}

QList<QByteArray> PoliciesPanel::splitList(const QString &text)
{
    QList<QByteArray> items;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            items << part.trimmed().toUtf8();
    }
    return items;
}

void PoliciesPanel::updateEnabled()
{
    const bool on = m_reconnect->isChecked();
    for (QWidget *widget : std::initializer_list<QWidget *>{m_initialDelay, m_maxDelay, m_resetAfter, m_maxAttempts,
                                                            m_retryServerErrors, m_reconnectPost})
        widget->setEnabled(on);
}
