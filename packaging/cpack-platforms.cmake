# SPDX-License-Identifier: GPL-3.0-or-later
# What each platform's installer adds to the common CPACK_* settings; packaging/CMakeLists.txt includes this
# right before include(CPack). Windows: an NSIS installer and a portable zip; macOS: a drag-and-drop DMG;
# Linux: the Debian package, which depends on Debian's Qt and so carries no Qt of its own.

# `cpack` with no -G makes the platform's usual package.
if(NOT CPACK_GENERATOR)
    if(WIN32)
        set(CPACK_GENERATOR NSIS ZIP)
    elseif(APPLE)
        set(CPACK_GENERATOR DragNDrop)
    else()
        set(CPACK_GENERATOR DEB)
    endif()
endif()

# Windows and macOS packages carry their Qt: windeployqt or macdeployqt copies the libraries, plugins and
# translations next to the installed program. On Linux nothing is deployed, since the .deb uses the system's
# Qt. OUTPUT_SCRIPT is the Qt 6.5+ spelling; those builds use Qt 6.8.
if((WIN32 OR APPLE) AND TARGET ssescope)
    if(Qt6_VERSION VERSION_LESS 6.5)
        message(WARNING "Qt ${Qt6_VERSION}: the Windows and macOS packages need Qt 6.5 or later to deploy Qt; "
                        "they will not run on a machine without Qt")
    else()
        qt_generate_deploy_app_script(
            TARGET ssescope
            OUTPUT_SCRIPT ssescope_deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
        install(SCRIPT ${ssescope_deploy_script})
    endif()
endif()

if(WIN32)
    set(CPACK_PACKAGE_INSTALL_DIRECTORY "SSE Scope")
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "SSE Scope")
    # A Start-menu entry "SSE Scope" for bin\ssescope.exe; the desktop one is a choice on the options page.
    set(CPACK_PACKAGE_EXECUTABLES ssescope "SSE Scope")
    set(CPACK_CREATE_DESKTOP_LINKS ssescope)

    set(CPACK_NSIS_PACKAGE_NAME "SSE Scope")
    set(CPACK_NSIS_DISPLAY_NAME "SSE Scope")
    set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\ssescope.exe")
    set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/ssescope.ico")
    set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/ssescope.ico")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
    set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
    # NSIS would show CPACK_PACKAGE_ICON as its page header, which must be a 150x57 BMP: keep its own header.
    unset(CPACK_PACKAGE_ICON)
    # The options page: put bin\ on PATH (for all users, this user, or not) so `ssescope` works in a console,
    # and the desktop icon. The uninstaller takes PATH back out.
    set(CPACK_NSIS_MODIFY_PATH ON)
    # Installing over an older version offers to run its uninstaller first, so no stale Qt files stay behind.
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)

    # The .sserec association (ProgID SseScope.Recording) lives in fileassoc.nsh: written on install, removed
    # by the uninstaller. NSIS's single quotes, since CPackConfig.cmake would not keep double ones.
    set(CPACK_NSIS_DEFINES "!include '${CMAKE_CURRENT_LIST_DIR}/windows/fileassoc.nsh'")
    set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "!insertmacro SseScopeRegisterAssociation")
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "!insertmacro SseScopeUnregisterAssociation")

    # Signs ssescope.exe in the staging tree, before NSIS and ZIP pack it, when SSESCOPE_SIGNTOOL_SHA1 names a
    # certificate; otherwise it does nothing.
    list(APPEND CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/windows/codesign.cmake")
elseif(APPLE)
    set(CPACK_DMG_VOLUME_NAME "SSE Scope")
    set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/ssescope.icns")  # the volume's icon
    # The DMG gets a link to /Applications to drag the app onto (CPack's default). A background picture
    # could be added with CPACK_DMG_BACKGROUND_IMAGE.
    # No licence dialog when the image is opened: the GPL is no agreement to accept.
    set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
    if(CMAKE_OSX_ARCHITECTURES MATCHES "arm64" AND CMAKE_OSX_ARCHITECTURES MATCHES "x86_64")
        set(CPACK_SYSTEM_NAME macos-universal)
    elseif(CMAKE_OSX_ARCHITECTURES)
        set(CPACK_SYSTEM_NAME "macos-${CMAKE_OSX_ARCHITECTURES}")
    else()
        set(CPACK_SYSTEM_NAME "macos-${CMAKE_SYSTEM_PROCESSOR}")
    endif()

    # Signs the app bundle in the staging tree with the hardened runtime, before the DMG is made, when
    # SSESCOPE_CODESIGN_IDENTITY names a certificate; otherwise it does nothing.
    list(APPEND CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/macos/codesign.cmake")
endif()
