DROP TABLE batch_files;
DROP TABLE batches;
DROP TABLE selections;
