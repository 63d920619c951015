package dev.supportplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.Instant;

/** A file referenced by a message (conversations.md message_attachments); the file itself lives elsewhere. */
@Entity
@Table(name = "message_attachment")
public class Attachment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private long messageId;
    private String fileName;
    private String fileType;
    private Long fileSize;
    private String filePath;
    private Instant createdAt;

    protected Attachment() {
    }

    Attachment(long messageId, String fileName, String fileType, Long fileSize, String filePath, Instant createdAt) {
        this.messageId = messageId;
        this.fileName = fileName;
        this.fileType = fileType;
        this.fileSize = fileSize;
        this.filePath = filePath;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getMessageId() { return messageId; }
    public String getFileName() { return fileName; }
    public String getFileType() { return fileType; }
    public Long getFileSize() { return fileSize; }
    public String getFilePath() { return filePath; }
    public Instant getCreatedAt() { return createdAt; }
}
