// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaybar.h"

#include "elidedlabel.h"
#include "themeicons.h"

#include "recording/replayplayer.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int RefreshMs = 100;
constexpr int StepBudgetMs = 250; // the longest a step to the next event holds the window
constexpr double Speeds[] = {0.25, 0.5, 1, 2, 5, 10, 100, 0};

QString secondsText(qint64 ns)
{
    // Hundredths matter while steps are a few milliseconds apart, not a minute in.
    return QLocale().toString(double(ns) / 1e9, 'f', ns < 10'000'000'000 ? 2 : 1);
}

} // namespace

ReplayBar::ReplayBar(QWidget *parent)
    : QWidget(parent)
    , m_play(new QToolButton(this))
    , m_stepRead(new QToolButton(this))
    , m_stepEvent(new QToolButton(this))
    , m_restart(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new ElidedLabel(this))
    , m_timer(new QTimer(this))
{
    const auto setUp = [](QToolButton *button, const QString &text, const QString &tip, const QKeySequence &key) {
        button->setText(text);
        button->setToolTip(u"%1 (%2)"_s.arg(tip, key.toString(QKeySequence::NativeText)));
        button->setShortcut(key);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
    };
    m_play->setObjectName(u"replayPlay"_s);
    setUp(m_play, tr("Play"), tr("Play the recording at the chosen speed, or pause it"), QKeySequence(Qt::Key_F5));
    m_stepRead->setObjectName(u"replayStepRead"_s);
    setUp(m_stepRead, tr("Next Read"), tr("Hand over the next recorded read (one network chunk), then pause"),
          QKeySequence(Qt::Key_F6));
    m_stepEvent->setObjectName(u"replayStepEvent"_s);
    setUp(m_stepEvent, tr("Next Event"), tr("Hand over recorded reads until the next event is complete, then pause"),
          QKeySequence(Qt::Key_F7));
    m_restart->setObjectName(u"replayRestart"_s);
    setUp(m_restart, tr("Restart"), tr("Clear the tab and replay the recording from its start"),
          QKeySequence(Qt::SHIFT | Qt::Key_F5));

    m_speed->setObjectName(u"replaySpeed"_s);
    m_speed->setToolTip(tr("How fast the recorded times pass"));
    for (const double speed : Speeds) {
        m_speed->addItem(speed > 0 ? tr("%1×").arg(QLocale().toString(speed)) : tr("as fast as possible"), speed);
    }
    m_speed->setCurrentIndex(m_speed->findData(1.0));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_speed->sizeHint().height() / 2);
    m_progress->setToolTip(tr("How much of the recording has been replayed"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_restart);
    layout->addWidget(m_play);
    layout->addWidget(m_stepRead);
    layout->addWidget(m_stepEvent);
    layout->addWidget(new QLabel(tr("Speed:"), this));
    layout->addWidget(m_speed);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_status);

    connect(m_play, &QToolButton::clicked, this, &ReplayBar::togglePlay);
    connect(m_stepRead, &QToolButton::clicked, this, &ReplayBar::stepRead);
    connect(m_stepEvent, &QToolButton::clicked, this, &ReplayBar::stepEvent);
    connect(m_restart, &QToolButton::clicked, this,
            [this]() { Q_EMIT restartRequested(!m_player || m_player->state() != ReplayPlayer::State::Playing); });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_player)
            m_player->setSpeed(speed());
        refresh();
    });
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, &ReplayBar::refresh);
    updateIcons();
}

ReplayBar::~ReplayBar() = default;

void ReplayBar::setPlayer(ReplayPlayer *player)
{
    if (m_player)
        disconnect(m_player, nullptr, this, nullptr);
    m_player = player;
    if (player) {
        player->setSpeed(speed());
        connect(player, &ReplayPlayer::stateChanged, this, [this]() {
            updateButtons();
            refresh();
        });
        m_timer->start();
    } else {
        m_timer->stop();
    }
    updateButtons();
    refresh();
}

ReplayPlayer *ReplayBar::player() const
{
    return m_player;
}

double ReplayBar::speed() const
{
    return m_speed->currentData().toDouble();
}

void ReplayBar::setSpeed(double speed)
{
    const int index = m_speed->findData(speed);
    if (index >= 0) {
        m_speed->setCurrentIndex(index);
        return;
    }
    // A speed that is not in the list gets an entry of its own.
    m_speed->addItem(tr("%1×").arg(QLocale().toString(speed)), speed);
    m_speed->setCurrentIndex(m_speed->count() - 1);
}

void ReplayBar::togglePlay()
{
    if (!m_player || m_player->state() == ReplayPlayer::State::Finished) {
        Q_EMIT restartRequested(false);
        return;
    }
    if (m_player->state() == ReplayPlayer::State::Playing)
        m_player->pause();
    else
        m_player->play();
}

void ReplayBar::stepRead()
{
    if (!m_player) {
        Q_EMIT restartRequested(true);
        if (!m_player)
            return;
    }
    m_player->stepRead();
    refresh();
}

void ReplayBar::stepEvent()
{
    if (!m_player) {
        Q_EMIT restartRequested(true);
        if (!m_player)
            return;
    }
    if (!m_eventCount) {
        m_player->stepRead();
    } else {
        // A long stretch without events (comments only, or a body that is not SSE) stops after a moment, so the
        // window never freezes; the next press goes on from there.
        const qint64 before = m_eventCount();
        QElapsedTimer budget;
        budget.start();
        m_player->stepUntil(
            [this, before, &budget]() { return m_eventCount() > before || budget.elapsed() >= StepBudgetMs; });
    }
    refresh();
}

void ReplayBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
    QWidget::changeEvent(event);
}

void ReplayBar::updateIcons()
{
    m_stepRead->setIcon(ThemeIcons::icon(ThemeIcons::Glyph::StepRead, palette()));
    m_stepEvent->setIcon(ThemeIcons::icon(ThemeIcons::Glyph::StepEvent, palette()));
    m_restart->setIcon(ThemeIcons::icon(ThemeIcons::Glyph::Restart, palette()));
    updateButtons();
}

void ReplayBar::updateButtons()
{
    const bool playing = m_player && m_player->state() == ReplayPlayer::State::Playing;
    m_play->setIcon(ThemeIcons::icon(playing ? ThemeIcons::Glyph::Pause : ThemeIcons::Glyph::Play, palette()));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    const bool more = !m_player || m_player->state() != ReplayPlayer::State::Finished;
    m_stepRead->setEnabled(more);
    m_stepEvent->setEnabled(more);
}

QString ReplayBar::statusText() const
{
    return m_status->text();
}

void ReplayBar::refresh()
{
    if (!m_player) {
        m_progress->setValue(0);
        m_status->setText(tr("Play or step to replay it from the start"));
        return;
    }
    m_progress->setValue(int(m_player->progress() * 1000));
    QString text = tr("%1 s · %Ln read(s)", nullptr, int(qMin<qint64>(m_player->readsPlayed(), INT_MAX)))
                       .arg(secondsText(m_player->positionNs()));
    if (m_eventCount)
        text += u" · "_s + tr("%Ln event(s)", nullptr, int(qMin<qint64>(m_eventCount(), INT_MAX)));
    switch (m_player->state()) {
    case ReplayPlayer::State::Playing:
        break;
    case ReplayPlayer::State::Paused:
        text += u" · "_s + tr("paused");
        break;
    case ReplayPlayer::State::Finished:
        text += u" · "_s + (m_player->result().ok() ? tr("replayed to the end") : tr("stopped: the file is damaged"));
        break;
    }
    if (text != m_status->text())
        m_status->setText(text);
}
