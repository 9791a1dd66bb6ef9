; Inno Setup script: a per-user installer (no administrator rights) of the bundle that
; `pyinstaller packaging\gijiroku.spec` writes to dist\gijiroku\ on Windows. Build it with
; Inno Setup 6: iscc packaging\gijiroku.iss  ->  dist\gijiroku-setup.exe
; Not built or tried yet: the project's machines run Linux (packaging/README.md).
#define AppVersion "0.1.0"

[Setup]
AppId={{3D33DC2E-2730-4E1B-B905-4CA3F4376D69}
AppName=Gijiroku 議事録
AppVersion={#AppVersion}
AppPublisher=Gijiroku
DefaultDirName={localappdata}\Programs\Gijiroku
DefaultGroupName=Gijiroku
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=gijiroku-setup
Compression=lzma2/normal
SolidCompression=no
DiskSpanning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=no

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Files]
Source: "..\dist\gijiroku\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Gijiroku 議事録"; Filename: "{app}\gijiroku.exe"
Name: "{userdesktop}\Gijiroku 議事録"; Filename: "{app}\gijiroku.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "デスクトップにアイコンを作成する"; Flags: unchecked

[Run]
Filename: "{app}\gijiroku.exe"; Description: "Gijiroku を起動する"; Flags: nowait postinstall skipifsilent
