// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingplayback.h"

#include "eventspage.h"
#include "recordingloader.h"
#include "sessionviews.h"
#include "stats/statisticspane.h"

RecordingPlayback::RecordingPlayback(SessionViews *views, QObject *parent)
    : QObject(parent)
    , m_views(views)
{
}

RecordingPlayback::~RecordingPlayback() = default;

void RecordingPlayback::open(const QString &path, QWidget *progressParent)
{
    endReplay();
    stopLoading();
    m_views->stats()->setRecorded(true); // its times are the recording's: they stop where it ends
    // A child, so that the tab's children include it; the pointer owns it and deletes it first.
    m_loader = std::make_unique<RecordingLoader>(m_views->model(), m_views->stats(), m_views->llm(), this);
    RecordingLoader *loader = m_loader.get();
    connect(loader, &RecordingLoader::finished, this, [this, loader]() { Q_EMIT loaded(loader->result()); });
    loader->start(path, progressParent);
}

bool RecordingPlayback::isLoading() const
{
    return m_loader && m_loader->isLoading();
}

void RecordingPlayback::cancelLoading()
{
    if (isLoading())
        m_loader->cancel();
}

void RecordingPlayback::stopLoading()
{
    if (!isLoading())
        return;
    // It may be this loader's own signal that leads here: it goes once that is handled.
    RecordingLoader *loader = m_loader.release();
    loader->disconnect(this);
    loader->cancel();
    loader->deleteLater();
}

bool RecordingPlayback::prepareReplay(const QString &path, QString *error)
{
    m_nextLoader = std::make_unique<RecordingLoader>(m_views->model(), m_views->stats(), m_views->llm());
    m_nextPlayer = std::make_unique<ReplayPlayer>(m_nextLoader->input());
    QString openError;
    if (m_nextPlayer->open(path, &openError))
        return true;
    m_nextPlayer.reset();
    m_nextLoader.reset();
    if (error)
        *error = openError;
    return false;
}

ReplayPlayer *RecordingPlayback::startReplay()
{
    endReplay();
    m_loader = std::move(m_nextLoader);
    m_player = std::move(m_nextPlayer);
    if (!m_player)
        return nullptr;
    m_views->stats()->setRecorded(true);
    connect(m_player.get(), &ReplayPlayer::stateChanged, this, [this](ReplayPlayer::State state) {
        if (state == ReplayPlayer::State::Finished) {
            m_loader->endOfInput();
            m_views->flush();
        }
        Q_EMIT replayStateChanged(state);
    });
    return m_player.get();
}

void RecordingPlayback::endReplay()
{
    // A recording being opened keeps its loader: a tab closed while it loads waits for it to stop.
    if (!m_player)
        return;
    m_player.reset();
    m_loader.reset();
}
