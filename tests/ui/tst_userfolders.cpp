// SPDX-License-Identifier: GPL-3.0-or-later
#include "userfolders.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestUserFolders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentsExists();
};

// A fresh account may have no Documents folder: dialogs then start at home, where a save can succeed.
void TestUserFolders::documentsExists()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QByteArray oldHome = qgetenv("HOME");
    const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME");
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", QDir(home.path()).filePath(u".config"_s).toLocal8Bit());
    const QString withoutDocuments = UserFolders::documents();
    QVERIFY(QDir(home.path()).mkdir(u"Documents"_s));
    const QString withDocuments = UserFolders::documents();
    qputenv("HOME", oldHome);
    qputenv("XDG_CONFIG_HOME", oldConfig);
    QCOMPARE(withoutDocuments, QDir::cleanPath(home.path()));
    QCOMPARE(withDocuments, QDir(home.path()).filePath(u"Documents"_s));
}

QTEST_GUILESS_MAIN(TestUserFolders)
#include "tst_userfolders.moc"
