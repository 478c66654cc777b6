; Inno Setup 6 script: a per-user installer for the one-folder Windows build.
;
; WRITTEN, NOT RUN: this repository's build machine is Linux. On Windows, after
;   py -3.11 -m venv .venv-build && .venv-build\Scripts\pip install -e ".[build]"
;   .venv-build\Scripts\pyinstaller --noconfirm --distpath dist packaging\agent-assist.spec
; compile it with
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\agent-assist.iss   (ISCC.exe: in Inno Setup's folder)
; which writes dist\agent-assist-0.1.0-windows-setup.exe. See docs/packaging.md.
;
; Why it looks like this:
; - call-centre PCs are locked down: PrivilegesRequired=lowest installs into the agent's own
;   %LOCALAPPDATA%\Programs\Agent Assist with no UAC prompt, and the Start-menu shortcut goes into
;   the agent's own Start menu;
; - the agent's data (notes, tiers, study queue, phrases, settings, search index) is NOT in the
;   install folder but in %LOCALAPPDATA%\agent-assist (platformdirs), so an update or an uninstall
;   never touches it. Uninstalling asks whether to delete it too (default: keep); a silent
;   uninstall keeps it unless /DELETEDATA is given.
; - saved as UTF-8 with a byte-order mark, so the compiler reads the Chinese strings right.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Agent Assist"
#define AppExe "agent-assist.exe"
#define SourceDir "..\..\dist\agent-assist"
; Simplified Chinese ships with Inno Setup only as an unofficial translation: used when present
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
; never change AppId: Windows finds earlier installs (for updates and uninstall) by it
AppId={{E924ED21-C140-4468-9523-687BDBA29508}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Agent Assist
VersionInfoVersion={#AppVersion}
; per user, no admin rights: {autopf} resolves to %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\ui\icons\agent-assist.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=agent-assist-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; a running copy holds its files open: offer to close it before updating
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if HaveChinese
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.DeleteData=Also delete this agent's Agent Assist data (notes, tiers, study queue, personal phrases, settings)?%n%n%1%n%nChoose No to keep it for a later install.
en.StartMenuName=Agent Assist
#if HaveChinese
zh_CN.DeleteData=是否同时删除本坐席的坐席助手数据（记录、掌握程度、学习队列、个人话术、设置）？%n%n%1%n%n选择“否”则保留，以后重新安装仍可使用。
zh_CN.StartMenuName=坐席助手
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole PyInstaller folder: agent-assist.exe (desktop), agent-assist-cli.exe (command line)
; and _internal\ (Python, Qt, the sample knowledge base)
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the program folder's contents wholesale (stale libraries would be loaded)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:StartMenuName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{autodesktop}\{cm:StartMenuName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The agent's data dir, as agent_assist.storage.paths.data_dir() computes it on Windows:
// platformdirs.user_data_dir("agent-assist", appauthor=False) = %LOCALAPPDATA%\agent-assist.
// A centre that moved it with AGENT_ASSIST_DATA_DIR (e.g. to a share) is never offered a delete.
function AgentDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\agent-assist');
end;

function HasParam(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dir: String;
  Delete: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Dir := AgentDataDir();
  if (GetEnv('AGENT_ASSIST_DATA_DIR') <> '') or not DirExists(Dir) then
    Exit;
  if UninstallSilent then
    Delete := HasParam('/DELETEDATA')
  else
    Delete := MsgBox(FmtMessage(CustomMessage('DeleteData'), [Dir]), mbConfirmation,
                     MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Delete then
    DelTree(Dir, True, True, True);
end;
