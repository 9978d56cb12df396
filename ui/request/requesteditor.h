// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requeststore.h"

#include <QWidget>

class BodyEditor;
class ConnectionPanel;
class HeadersTable;
class PoliciesPanel;
class PresetsMenu;
class QAction;
class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QStringListModel;
class QTabWidget;
class QToolButton;
class SecretStore;
class SecretsBar;

/**
 * The request bar of a stream tab: method, URL, presets, curl import and export on one row, and below it,
 * folded away until needed, the headers, body, policies and connection settings.
 */
class RequestEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)

public:
    explicit RequestEditor(QWidget *parent = nullptr);

    /** The request to send: enabled headers with a name ($NAME in their values taken from the environment). */
    StreamRequest request() const;
    /** False, with a message the user can act on, when the request cannot be sent. */
    bool validate(QString *error) const;
    void setRequest(const StreamRequest &request);
    /** Shows a saved preset or recent request: what it did not remember is marked to be typed again, and the
     *  secrets it remembered are read from the secret store. */
    void loadSaved(const SavedRequest &saved);
    /** Where the secrets the user asks to remember go (the system keychain unless set). */
    void setSecretStore(SecretStore *store);

    /** The embedded producer's base URL (http://127.0.0.1:port), for the presets that use it. */
    void setProducerUrl(const QUrl &base);
    /** Loads a built-in preset (by name or id, such as "embedded-ticker") or a saved one; false if none. */
    bool loadPreset(const QString &name);
    /** The built-in presets' names, then the saved ones'. */
    QStringList presetNames() const;
    /** Saves the current request as a user preset, replacing one of the same name. */
    void savePreset(const QString &name);
    void deletePreset(const QString &name);

    /** A curl command for the request; $NAME placeholders stay as they are. */
    QString curlCommand() const;
    /** Fills the request from a curl command, keeping the policies; false with the error if it cannot. */
    bool importCurl(const QString &command, QString *error = nullptr, QStringList *warnings = nullptr);
    /** Puts the request at the top of the recent requests (call it when the request is sent). */
    void rememberCurrent();

    /** Adds a widget at the end of the first row (the tab's Connect button). */
    void addTrailingWidget(QWidget *widget);
    /** Focuses the URL field with its text selected (the tab binds Ctrl+L to it). */
    void focusUrl();
    void setDetailsVisible(bool visible);
    bool detailsVisible() const;

    QComboBox *methodBox() const { return m_method; }
    QLineEdit *urlEdit() const { return m_url; }
    QTabWidget *detailsTabs() const { return m_details; }
    HeadersTable *headersTable() const { return m_headers; }
    BodyEditor *bodyEditor() const { return m_body; }
    PoliciesPanel *policiesPanel() const { return m_policies; }
    PresetsMenu *presetsMenu() const { return m_presetsMenu; }
    SecretsBar *secretsBar() const { return m_secrets; }
    QStringListModel *recentUrls() const { return m_recentUrls; }

Q_SIGNALS:
    /** Return was pressed in the URL field. */
    void submitted();
    /** The method, URL, headers, body or a setting changed (by the user or by setRequest()). */
    void requestEdited();

protected:
    void showEvent(QShowEvent *event) override;

private:
    StreamRequest rawRequest() const;
    void openImportDialog();
    void applyImported(StreamRequest imported);
    void copyCommand();
    void refreshRecent();
    void restoreSecrets(const QList<RequestSecret> &secrets);
    void updateTabTitles();

    QUrl m_producer;
    StreamRequest m_base; // what the editor does not show (read buffer size, exact limits)
    QHBoxLayout *m_row;
    QComboBox *m_method;
    QLineEdit *m_url;
    QStringListModel *m_recentUrls;
    QToolButton *m_presets;
    PresetsMenu *m_presetsMenu;
    QToolButton *m_copy;
    QToolButton *m_detailsButton;
    QTabWidget *m_details;
    HeadersTable *m_headers;
    BodyEditor *m_body;
    PoliciesPanel *m_policies;
    ConnectionPanel *m_connection;
    SecretsBar *m_secrets;
};
