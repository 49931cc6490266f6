package app

// Application groups the use cases the adapters call.
type Application struct {
	Commands Commands
	Queries  Queries
	// Updates makes handling a Telegram update idempotent.
	Updates Inbox
}

// Commands are the use cases that change state.
type Commands struct {
	RegisterUser RegisterUser
	SaveFile     SaveFile
}

// Queries are the use cases that only read.
type Queries struct {
	ListFiles  ListFiles
	GetFile    GetFile
	FileCounts FileCounts
}

// Limits are the configurable rules the use cases enforce.
type Limits struct {
	// MaxFileSize is the largest file kept, in bytes; 0 means no limit.
	MaxFileSize int64
}

// New builds the Application over its ports.
func New(uow UnitOfWork, clock Clock, limits Limits) Application {
	return Application{
		Commands: Commands{
			RegisterUser: NewRegisterUser(uow, clock),
			SaveFile:     NewSaveFile(uow, clock, limits),
		},
		Queries: Queries{
			ListFiles:  NewListFiles(uow),
			GetFile:    NewGetFile(uow),
			FileCounts: NewFileCounts(uow),
		},
		Updates: NewInbox(uow),
	}
}
