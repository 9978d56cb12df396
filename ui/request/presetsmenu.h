// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requeststore.h"

#include <QMenu>

/** The Presets menu: built-in and saved presets, recent requests, and saving or deleting a preset. */
class PresetsMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresetsMenu)

public:
    explicit PresetsMenu(QWidget *parent = nullptr);

    void setProducerUrl(const QUrl &base) { m_producer = base; }
    /** Where the secrets of the saved requests are, to forget them with their requests. */
    void setSecretStore(SecretStore *store) { m_store = store; }
    /** Asks for the name of a new preset, refusing a built-in one and asking before one is replaced; empty
     *  when the user cancels. */
    QString askName(const QString &suggestion);
    /** "METHOD URL", shortened for a menu. */
    static QString label(const StreamRequest &request);

Q_SIGNALS:
    /** A built-in preset (by id) or a saved one (by name) was chosen. */
    void presetChosen(const QString &name);
    void recentChosen(const SavedRequest &request);
    void saveAsRequested();
    /** The recent requests were cleared. */
    void recentCleared();

private:
    void rebuild();

    QUrl m_producer;
    SecretStore *m_store = nullptr;
};
